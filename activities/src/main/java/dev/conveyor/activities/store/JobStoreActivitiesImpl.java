package dev.conveyor.activities.store;

import dev.conveyor.store.JobStoreWriter;
import dev.conveyor.workflow.activity.JobStoreActivities;
import dev.conveyor.workflow.activity.JobStoreWrite;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.temporal.activity.Activity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the workflow's projection of a job into the job store. Idempotent through the store: a
 * write repeated by a retry or a replayed workflow task changes nothing. A write whose last attempt
 * fails is recorded in {@link StoreWriteFailures}, so that it shows in a metric and the worker's
 * health, not only in a log line.
 */
public class JobStoreActivitiesImpl implements JobStoreActivities {

  private static final Logger log = LoggerFactory.getLogger(JobStoreActivitiesImpl.class);

  private final JobStoreWriter writer;
  private final StoreWriteFailures failures;

  public JobStoreActivitiesImpl(JobStoreWriter writer) {
    this(writer, new StoreWriteFailures(new SimpleMeterRegistry()));
  }

  public JobStoreActivitiesImpl(JobStoreWriter writer, StoreWriteFailures failures) {
    this.writer = writer;
    this.failures = failures;
  }

  @Override
  public void project(JobStoreWrite write) {
    boolean moved;
    try {
      moved = writer.write(write);
    } catch (RuntimeException e) {
      if (Activity.getExecutionContext().getInfo().getAttempt() >= ATTEMPTS) {
        failures.failedForGood(write.jobId(), write.sequence(), e);
        log.error(
            "job {}: store write {} failed on its last attempt; the job's record is behind: {}",
            write.jobId(),
            write.sequence(),
            e.getMessage());
      }
      throw e;
    }
    failures.written(write.jobId());
    if (!moved) {
      log.debug(
          "job {}: store write {} is not newer than the stored one; row kept",
          write.jobId(),
          write.sequence());
    }
  }
}
