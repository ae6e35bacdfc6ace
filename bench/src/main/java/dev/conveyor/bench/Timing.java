package dev.conveyor.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;
import java.util.function.IntFunction;

/** The benchmark's shared timing code: throughput of a job, and work spread over threads. */
public final class Timing {

  private Timing() {}

  /** Runs the job {@code warmup} times, then times {@code jobs} runs; returns jobs per second. */
  public static double jobsPerSecond(int warmup, int jobs, BooleanSupplier job) {
    for (int i = 0; i < warmup; i++) {
      check(job.getAsBoolean());
    }
    long started = System.nanoTime();
    for (int i = 0; i < jobs; i++) {
      check(job.getAsBoolean());
    }
    return jobs / seconds(System.nanoTime() - started);
  }

  /** Calls {@code task} for 0 to {@code count - 1} on {@code threads} threads; returns results. */
  public static <T> List<T> onThreads(int count, int threads, IntFunction<T> task) {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<T>> futures = new ArrayList<>(count);
      for (int i = 0; i < count; i++) {
        int index = i;
        futures.add(pool.submit(() -> task.apply(index)));
      }
      List<T> results = new ArrayList<>(count);
      for (Future<T> future : futures) {
        results.add(future.get());
      }
      return results;
    } catch (Exception e) {
      throw new IllegalStateException("a benchmark task failed", e);
    } finally {
      pool.shutdownNow();
    }
  }

  /** Returns nanoseconds as seconds. */
  public static double seconds(long nanos) {
    return nanos / 1e9;
  }

  /** Returns the milliseconds per job of a throughput. */
  public static double millisPerJob(double jobsPerSecond) {
    return 1000.0 / jobsPerSecond;
  }

  private static void check(boolean passed) {
    if (!passed) {
      throw new IllegalStateException("a benchmark job did not pass QA: the figures would lie");
    }
  }
}
