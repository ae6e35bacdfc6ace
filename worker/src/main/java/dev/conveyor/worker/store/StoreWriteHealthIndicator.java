package dev.conveyor.worker.store;

import dev.conveyor.activities.store.StoreWriteFailures;
import java.util.List;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;

/**
 * Reports the job store as {@value #DEGRADED} while a job's record is behind: a write of it failed
 * on every attempt and none has succeeded since. The worker still runs every job (its HTTP status
 * stays 200); listing, the inbox and the timeline miss what the failed writes carried. Details name
 * how many jobs are behind, the latest of them and the store's error.
 */
class StoreWriteHealthIndicator implements HealthIndicator {

  /** The status of a store that lost writes while the worker still works. */
  static final String DEGRADED = "DEGRADED";

  /** How many behind jobs the details name. */
  private static final int SHOWN = 10;

  private final StoreWriteFailures failures;

  StoreWriteHealthIndicator(StoreWriteFailures failures) {
    this.failures = failures;
  }

  @Override
  public Health health() {
    List<StoreWriteFailures.Behind> behind = failures.behind();
    if (behind.isEmpty()) {
      return Health.up().withDetail("jobsBehind", 0).build();
    }
    StoreWriteFailures.Behind latest = behind.get(0);
    return Health.status(new Status(DEGRADED, "job records are behind: store writes failed"))
        .withDetail("jobsBehind", behind.size())
        .withDetail(
            "jobs", behind.stream().limit(SHOWN).map(StoreWriteFailures.Behind::jobId).toList())
        .withDetail("lastFailureAt", latest.at().toString())
        .withDetail("lastError", latest.error())
        .build();
  }
}
