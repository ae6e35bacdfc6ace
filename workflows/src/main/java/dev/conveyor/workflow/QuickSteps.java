package dev.conveyor.workflow;

import dev.conveyor.workflow.activity.ArtifactActivities;
import dev.conveyor.workflow.activity.CodeSpec;
import dev.conveyor.workflow.activity.RoutingActivities;
import dev.conveyor.workflow.model.ArtifactRef;
import dev.conveyor.workflow.model.BundleContext;
import dev.conveyor.workflow.model.JobRequest;
import dev.conveyor.workflow.model.OutputKind;
import io.temporal.workflow.Workflow;
import java.util.List;

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

  /** Reads the routes and the budget sheet of the job's profile into the job's state. */
  void route(JobState job) {
    JobRequest request = job.request();
    // Profiles are newer than every recorded history: a job naming none asks as jobs always have.
    String profile = request.profile();
    job.routed(profile == null ? routing.describeRoutes() : routing.describeProfileRoutes(profile));
    job.budget(
        JobVersions.estimatesBudget()
            ? BudgetGuard.estimating(
                profile == null ? routing.describeBudget() : routing.describeProfileBudget(profile),
                request)
            : BudgetGuard.spendingOnly(request));
  }

  /**
   * Stores the requirements as an artifact and, for a CODE job, its JSON schema, with the code's
   * spec (a bundle's part also carries the texts and images of the parts it uses).
   */
  void storeInputs(JobState job) {
    JobRequest request = job.request();
    job.requirements(artifacts.storeText(request.requirements()));
    if (request.outputKind() == OutputKind.CODE) {
      // CODE is newer than every recorded history, so this branch needs no version marker.
      String schema = request.jsonSchema();
      ArtifactRef schemaRef = schema == null ? null : artifacts.storeText(schema);
      BundleContext bundled = request.bundle();
      job.codeSpec(
          bundled == null
              ? new CodeSpec(request.codeLanguage(), schemaRef, List.of(), List.of())
              : new CodeSpec(
                  request.codeLanguage(), schemaRef, bundled.texts(), bundled.imageSources()));
    }
  }
}
