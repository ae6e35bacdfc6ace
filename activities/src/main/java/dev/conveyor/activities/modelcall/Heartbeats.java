package dev.conveyor.activities.modelcall;

import io.temporal.activity.Activity;
import io.temporal.activity.ActivityExecutionContext;
import io.temporal.client.ActivityCompletionException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps an activity heartbeating while it blocks on a long call, so that Temporal notices a dead
 * worker within the activity's heartbeat timeout instead of its start-to-close timeout. The
 * activity's context is captured on the activity thread; a shared scheduler heartbeats it every
 * {@link #INTERVAL}. When Temporal answers a heartbeat with a cancellation, the blocked call is
 * interrupted and the cancellation is thrown in its place.
 */
public final class Heartbeats {

  /** How often a blocked activity heartbeats; well inside the workflow's 10-second timeout. */
  public static final Duration INTERVAL = Duration.ofSeconds(1);

  private static final Logger log = LoggerFactory.getLogger(Heartbeats.class);
  private static final AtomicInteger THREADS = new AtomicInteger();
  private static final ScheduledExecutorService SCHEDULER =
      Executors.newScheduledThreadPool(
          Math.max(2, Runtime.getRuntime().availableProcessors()), Heartbeats::daemon);

  private Heartbeats() {}

  /**
   * Runs a blocking call on the current thread while the current activity heartbeats, keeping the
   * chain progress it has recorded so far. Outside an activity the call simply runs.
   *
   * @param doing what the heartbeat details say, for example {@code VISION_QA checks}; never prompt
   *     or output text
   * @param call the blocking call
   * @return what the call returned
   */
  public static <T> T whileRunning(String doing, Supplier<T> call) {
    if (currentContext() == null) {
      return call.get();
    }
    return whileRunning(ChainProgress.resumed().doing(doing), call);
  }

  /**
   * Runs a blocking call on the current thread while the current activity heartbeats the given
   * progress, its {@code doing} followed by the seconds elapsed. Outside an activity the call
   * simply runs.
   *
   * @param progress the heartbeat details; never prompt or output text
   * @param call the blocking call
   * @return what the call returned
   */
  public static <T> T whileRunning(ChainProgress progress, Supplier<T> call) {
    ActivityExecutionContext context = currentContext();
    if (context == null) {
      return call.get();
    }
    Beat beat = new Beat(context, progress, Thread.currentThread());
    ScheduledFuture<?> schedule =
        SCHEDULER.scheduleAtFixedRate(beat, 0, INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
    try {
      T result = call.get();
      beat.rethrowStop();
      return result;
    } catch (RuntimeException e) {
      beat.rethrowStop();
      throw e;
    } finally {
      beat.finish();
      schedule.cancel(false);
    }
  }

  private static ActivityExecutionContext currentContext() {
    try {
      return Activity.getExecutionContext();
    } catch (IllegalStateException notInAnActivity) {
      return null;
    }
  }

  private static Thread daemon(Runnable runnable) {
    Thread thread = new Thread(runnable, "conveyor-heartbeats-" + THREADS.incrementAndGet());
    thread.setDaemon(true);
    return thread;
  }

  /** One heartbeating call: heartbeats until finished, and remembers a cancellation. */
  private static final class Beat implements Runnable {
    private final ActivityExecutionContext context;
    private final ChainProgress progress;
    private final Thread caller;
    private final long started = System.nanoTime();
    private boolean finished;
    private ActivityCompletionException stop;

    Beat(ActivityExecutionContext context, ChainProgress progress, Thread caller) {
      this.context = context;
      this.progress = progress;
      this.caller = caller;
    }

    @Override
    public synchronized void run() {
      if (finished || stop != null) {
        return;
      }
      long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started);
      try {
        context.heartbeat(progress.doing(progress.doing() + " · " + seconds + " s"));
      } catch (ActivityCompletionException e) {
        stop = e;
        caller.interrupt();
      } catch (RuntimeException e) {
        log.debug("heartbeat failed; the next one retries", e);
      }
    }

    synchronized void finish() {
      finished = true;
      if (stop != null) {
        // The call may have ended before it saw the interrupt: leave the thread clean.
        Thread.interrupted();
      }
    }

    synchronized void rethrowStop() {
      if (stop != null) {
        throw stop;
      }
    }
  }
}
