package dev.conveyor.starter.jobs;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;

/**
 * Looks for lost jobs once the starter is ready, then every {@code conveyor.jobs.reconcile-every},
 * on one background thread. A failed look (the job store or Temporal unreachable) is logged and the
 * next one runs as planned.
 */
class LostJobReconciler implements ApplicationListener<ApplicationReadyEvent>, DisposableBean {

  private static final Logger log = LoggerFactory.getLogger(LostJobReconciler.class);

  private final LostJobs lostJobs;
  private final Duration every;
  private final ScheduledExecutorService executor =
      Executors.newSingleThreadScheduledExecutor(
          task -> {
            Thread thread = new Thread(task, "conveyor-lost-jobs");
            thread.setDaemon(true);
            return thread;
          });

  LostJobReconciler(LostJobs lostJobs, Duration every) {
    this.lostJobs = lostJobs;
    this.every = every;
  }

  @Override
  public void onApplicationEvent(ApplicationReadyEvent event) {
    if (every.isZero()) {
      executor.execute(this::look);
    } else {
      executor.scheduleWithFixedDelay(this::look, 0, every.toMillis(), TimeUnit.MILLISECONDS);
    }
  }

  private void look() {
    try {
      LostJobs.Reconciliation look = lostJobs.reconcile();
      if (look.temporalUnreachable()) {
        log.warn(
            "lost jobs: Temporal unreachable after {} job(s); nothing more is marked until the"
                + " next look",
            look.checked());
      } else if (!look.markedLost().isEmpty()) {
        log.warn("lost jobs: {} marked LOST: {}", look.markedLost().size(), look.markedLost());
      } else {
        log.debug("lost jobs: {} unfinished job(s) checked, none lost", look.checked());
      }
    } catch (RuntimeException e) {
      log.warn("lost jobs: the look failed: {}", e.getMessage());
    }
  }

  @Override
  public void destroy() {
    executor.shutdownNow();
  }
}
