package dev.conveyor.store;

import dev.conveyor.workflow.activity.JobStoreWrite;

/**
 * Writes the workflow's projection of a job into the store. Used by the worker's job store
 * activity.
 */
public interface JobStoreWriter {

  /**
   * Records a job's state and events in one transaction. Idempotent: the job's row only moves
   * forward (a write whose sequence number is not higher than the stored one leaves it as it is),
   * and events, model calls and decisions already stored are kept as they are. A write without a
   * request keeps the stored request, submitter and tags.
   *
   * @param write the job's state and new events
   * @return whether the job's row moved forward
   */
  boolean write(JobStoreWrite write);
}
