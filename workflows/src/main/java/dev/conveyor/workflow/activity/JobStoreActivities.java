package dev.conveyor.workflow.activity;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/**
 * Writes the workflows' projections (of a job, of a bundle) into the job store, which listing, the
 * console and the audit trail read. The workflow runs it as a local activity: a fast write next to
 * the worker, with no round trip through a task queue. Its input is recorded in the history (in the
 * local activity's marker), so writes carry the job's state without content: artifacts are
 * references, and the request goes only until the store has it.
 */
@ActivityInterface
public interface JobStoreActivities {

  /** How many times the workflow tries each write before it carries on without it. */
  int ATTEMPTS = 4;

  /**
   * Records a job's current state and new events. Idempotent: a write whose sequence number the
   * store has already passed changes nothing, and events already stored are kept as they are.
   */
  @ActivityMethod(name = "ProjectJob")
  void project(JobStoreWrite write);

  /**
   * Records a bundle's current state, its parts and new events. Idempotent like {@link
   * #project(JobStoreWrite)}: a write whose sequence number the store has already passed changes
   * nothing, and events already stored are kept as they are.
   */
  @ActivityMethod(name = "ProjectBundle")
  void projectBundle(BundleStoreWrite write);
}
