package dev.conveyor.workflow.activity;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/**
 * Writes the workflow's projection into the job store, which listing, the console and the audit
 * trail read. The workflow runs it as a local activity: it is a fast write next to the worker, and
 * its input (the whole job state) is not copied into the history.
 */
@ActivityInterface
public interface JobStoreActivities {

  /**
   * Records a job's current state and new events. Idempotent: a write whose sequence number the
   * store has already passed changes nothing, and events already stored are kept as they are.
   */
  @ActivityMethod(name = "ProjectJob")
  void project(JobStoreWrite write);
}
