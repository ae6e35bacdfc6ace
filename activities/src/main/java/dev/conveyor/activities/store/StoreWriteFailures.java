package dev.conveyor.activities.store;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The job store writes that failed for good (every attempt of the workflow's write failed) and
 * whose job has had no successful write since: those jobs' records are behind. Each such failure
 * counts in {@value #METRIC} ({@code conveyor_store_write_failures_total}); the worker's health
 * reports the store as degraded while any job is behind. A later write of the same job that
 * succeeds carries its whole state and heals its record.
 */
public final class StoreWriteFailures {

  /** The counter of writes that failed for good. */
  public static final String METRIC = "conveyor.store.write.failures";

  /** How many behind jobs are remembered; the oldest are forgotten past this. */
  static final int MAX_REMEMBERED = 1_000;

  /**
   * A job whose record is behind.
   *
   * @param jobId the job
   * @param sequence the number of the write that failed
   * @param at when its last attempt failed
   * @param error the store's error
   */
  public record Behind(String jobId, long sequence, Instant at, String error) {}

  private final Map<String, Behind> behind = new ConcurrentHashMap<>();
  private final Counter failures;
  private final Clock clock;

  public StoreWriteFailures(MeterRegistry registry) {
    this(registry, Clock.systemUTC());
  }

  StoreWriteFailures(MeterRegistry registry, Clock clock) {
    this.failures =
        Counter.builder(METRIC)
            .description(
                "Job store writes that failed after every attempt: the job's record is behind")
            .register(registry);
    this.clock = clock;
  }

  /** Records that a job's write failed on its last attempt. */
  public void failedForGood(String jobId, long sequence, Throwable error) {
    failures.increment();
    if (behind.size() >= MAX_REMEMBERED && !behind.containsKey(jobId)) {
      behind.values().stream()
          .min(Comparator.comparing(Behind::at))
          .ifPresent(oldest -> behind.remove(oldest.jobId()));
    }
    behind.put(jobId, new Behind(jobId, sequence, clock.instant(), rootMessage(error)));
  }

  /** Records that a job's write succeeded: its record is whole again. */
  public void written(String jobId) {
    behind.remove(jobId);
  }

  /** Returns the jobs whose records are behind, the most recent failure first. */
  public List<Behind> behind() {
    return behind.values().stream().sorted(Comparator.comparing(Behind::at).reversed()).toList();
  }

  private static String rootMessage(Throwable error) {
    Throwable cause = error;
    while (cause.getCause() != null) {
      cause = cause.getCause();
    }
    return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
  }
}
