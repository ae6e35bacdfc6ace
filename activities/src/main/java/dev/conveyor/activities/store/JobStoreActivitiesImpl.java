package dev.conveyor.activities.store;

import dev.conveyor.store.JobStoreWriter;
import dev.conveyor.workflow.activity.BundleStoreWrite;
import dev.conveyor.workflow.activity.JobStoreActivities;
import dev.conveyor.workflow.activity.JobStoreWrite;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.temporal.activity.Activity;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the workflows' projections of jobs and bundles into the job store. Idempotent through the
 * store: a write repeated by a retry or a replayed workflow task changes nothing. A write whose
 * last attempt fails is recorded in {@link StoreWriteFailures}, so that it shows in a metric and
 * the worker's health, not only in a log line.
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
    recorded("job", write.jobId(), write.sequence(), () -> writer.write(write));
  }

  @Override
  public void projectBundle(BundleStoreWrite write) {
    recorded("bundle", write.bundleId(), write.sequence(), () -> writer.write(write));
  }

  /** Runs one write, recording a last attempt that fails and the next one that succeeds. */
  private void recorded(String kind, String id, long sequence, BooleanSupplier write) {
    boolean moved;
    try {
      moved = write.getAsBoolean();
    } catch (RuntimeException e) {
      if (Activity.getExecutionContext().getInfo().getAttempt() >= ATTEMPTS) {
        failures.failedForGood(id, sequence, e);
        log.error(
            "{} {}: store write {} failed on its last attempt; its record is behind: {}",
            kind,
            id,
            sequence,
            e.getMessage());
      }
      throw e;
    }
    failures.written(id);
    if (!moved) {
      log.debug(
          "{} {}: store write {} is not newer than the stored one; row kept", kind, id, sequence);
    }
  }
}
