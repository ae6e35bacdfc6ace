package dev.conveyor.store;

import dev.conveyor.workflow.activity.BundleStoreWrite;
import dev.conveyor.workflow.activity.JobStoreWrite;

/**
 * Writes the workflows' projections of jobs and bundles into the store. Used by the worker's job
 * store activity.
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

  /**
   * Records a bundle's state (stage, revision, parts with their jobs and states, cost, deadline,
   * decisions) and events in one transaction, idempotent as a job's write is.
   *
   * @param write the bundle's state and new events
   * @return whether the bundle's row moved forward
   */
  boolean write(BundleStoreWrite write);
}
