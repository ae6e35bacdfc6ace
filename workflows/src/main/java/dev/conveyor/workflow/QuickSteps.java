package dev.conveyor.workflow;

import dev.conveyor.workflow.activity.ArtifactActivities;
import dev.conveyor.workflow.activity.RoutingActivities;
import io.temporal.workflow.Workflow;

/**
 * The job's quick steps: reading the routing table and budget sheet, and storing the requirements
 * (and a JSON schema) as artifacts. Each takes a millisecond or two in the worker, so since version
 * {@value JobVersions#QUICK_STEPS_LOCAL} 1 they run as local activities, inside the workflow task
 * that starts the job: no task-queue round trip, no workflow task of their own, one marker each in
 * the history instead of six events. Histories recorded before keep them as activities on the task
 * queue.
 *
 * <p>Local activities run in the worker that runs the workflow, which registers the routing and
 * artifact activities wherever it runs the job workflow (see the worker's configuration).
 *
 * @param routing the routing table and budget sheet
 * @param artifacts the artifact store
 */
record QuickSteps(RoutingActivities routing, ArtifactActivities artifacts) {

  /** Returns the stubs this run uses; reads the version, once, before the first routing call. */
  static QuickSteps start() {
    if (JobVersions.runsQuickStepsLocally()) {
      return new QuickSteps(
          Workflow.newLocalActivityStub(RoutingActivities.class, JobActivityOptions.QUICK_STEP),
          Workflow.newLocalActivityStub(ArtifactActivities.class, JobActivityOptions.QUICK_STEP));
    }
    return new QuickSteps(
        Workflow.newActivityStub(RoutingActivities.class, JobActivityOptions.LOCAL_STEP),
        Workflow.newActivityStub(ArtifactActivities.class, JobActivityOptions.LOCAL_STEP));
  }
}
