package dev.conveyor.starter.store;

import dev.conveyor.store.JobFilter;
import dev.conveyor.store.JobQueries;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gauge {@code conveyor_jobs_awaiting_approval}: how many jobs wait for a reviewer, counted in
 * the job store and cached for a few seconds so that scrapes stay cheap. NaN while the store cannot
 * be read.
 */
public final class AwaitingApprovalGauge {

  /** The gauge's name; Prometheus shows it as {@code conveyor_jobs_awaiting_approval}. */
  public static final String NAME = "conveyor.jobs.awaiting.approval";

  private static final Logger log = LoggerFactory.getLogger(AwaitingApprovalGauge.class);

  private final JobQueries queries;
  private final long ttlNanos;
  private double cached = Double.NaN;
  private long readAt;
  private boolean read;

  private AwaitingApprovalGauge(JobQueries queries, Duration ttl) {
    this.queries = queries;
    this.ttlNanos = ttl.toNanos();
  }

  /** Registers the gauge and returns it. */
  public static AwaitingApprovalGauge register(
      JobQueries queries, MeterRegistry registry, Duration ttl) {
    AwaitingApprovalGauge gauge = new AwaitingApprovalGauge(queries, ttl);
    Gauge.builder(NAME, gauge, AwaitingApprovalGauge::value)
        .description("Jobs waiting for a reviewer's decision, from the job store")
        .register(registry);
    return gauge;
  }

  /** Returns the number of jobs awaiting approval, read at most once per time to live. */
  public synchronized double value() {
    long now = System.nanoTime();
    if (!read || now - readAt >= ttlNanos) {
      read = true;
      readAt = now;
      try {
        cached = queries.count(JobFilter.awaitingApproval());
      } catch (RuntimeException e) {
        log.debug("cannot count the jobs awaiting approval: {}", e.getMessage());
        cached = Double.NaN;
      }
    }
    return cached;
  }
}
