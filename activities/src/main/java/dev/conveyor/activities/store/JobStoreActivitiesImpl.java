package dev.conveyor.activities.store;

import dev.conveyor.store.JobStoreWriter;
import dev.conveyor.workflow.activity.JobStoreActivities;
import dev.conveyor.workflow.activity.JobStoreWrite;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the workflow's projection of a job into the job store. Idempotent through the store: a
 * write repeated by a retry or a replayed workflow task changes nothing.
 */
public class JobStoreActivitiesImpl implements JobStoreActivities {

  private static final Logger log = LoggerFactory.getLogger(JobStoreActivitiesImpl.class);

  private final JobStoreWriter writer;

  public JobStoreActivitiesImpl(JobStoreWriter writer) {
    this.writer = writer;
  }

  @Override
  public void project(JobStoreWrite write) {
    if (!writer.write(write)) {
      log.debug(
          "job {}: store write {} is not newer than the stored one; row kept",
          write.jobId(),
          write.sequence());
    }
  }
}
