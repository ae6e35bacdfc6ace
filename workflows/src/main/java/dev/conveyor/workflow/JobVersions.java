package dev.conveyor.workflow;

import io.temporal.workflow.Workflow;

/**
 * Every change of the job and bundle workflows that older histories must not see, in one place:
 * each change id of a {@link Workflow#getVersion} call, what version 1 turns on, and the one method
 * that asks for it. A new change gets its id and its method here (see {@code
 * docs/evolving-workflows.md}); the code that branches calls the method at the point where old and
 * new behaviour part, and nowhere else.
 *
 * <p>Each method records a version marker the first time a job reaches it, and returns false when
 * it replays a history that passed this point without one. The order of the calls is part of the
 * history: never move one.
 */
final class JobVersions {

  /**
   * Version 1: the job's state is projected into the job store (see {@link JobProjection}). Read
   * once, at the start of a run.
   */
  static final String JOB_STORE_PROJECTION = "job-store-projection";

  /**
   * Version 1: reviewers are reminded when an approval deadline is near (see {@link
   * ApprovalReminders}); histories recorded before wait with a single timer. Read once, at the
   * start of a run.
   */
  static final String APPROVAL_REMINDER = "approval-reminder";

  /**
   * Version 1: the job reads its budget sheet (prices, default budget and policy) from the {@code
   * DescribeBudget} activity and checks an estimate of each call against what remains (see {@link
   * BudgetGuard}). Histories recorded before keep the old rule: stop once the budget is spent.
   */
  static final String BUDGET_ESTIMATES = "budget-estimates";

  /**
   * Version 1: a model step whose models all fail sends the job to a human (or, with policy NEVER,
   * ends it FAILED) instead of failing it at once. Histories recorded before keep failing. Read
   * only when a model step has failed after its retries.
   */
  static final String MODELS_EXHAUSTED_TO_HUMAN = "models-exhausted-to-human";

  /**
   * Version 1: the bundle workflow projects its state (stage, parts, cost, decisions) into the job
   * store (see {@link BundleProjection}), so listings, the inbox and {@code watch} find it. Read
   * once, at the start of a bundle's run; bundle histories recorded before replay without a write.
   */
  static final String BUNDLE_STORE_PROJECTION = "bundle-store-projection";

  /**
   * Version 1: the job's quick steps (the routing table and storing the requirements and schema as
   * artifacts) run as local activities inside the workflow task (see {@link QuickSteps}); histories
   * recorded before keep scheduling them as activities on the task queue, one workflow task each.
   * Read once, before the first routing call.
   */
  static final String QUICK_STEPS_LOCAL = "quick-steps-local";

  /**
   * Version 1: a job store write carries only what the store keeps (see {@link JobProjection}): no
   * model map, usage by step or budget interventions (the events carry those), and only the
   * attempts that changed since the last write that succeeded. Histories recorded before carry the
   * whole status in every write. Read once, at the start of a run, when the projection is on.
   */
  static final String SLIM_STORE_WRITES = "slim-store-writes";

  private JobVersions() {}

  /** Returns whether this run writes its projection into the job store. */
  static boolean projectsIntoStore() {
    return isOn(JOB_STORE_PROJECTION);
  }

  /** Returns whether this bundle's run writes its projection into the job store. */
  static boolean projectsBundleIntoStore() {
    return isOn(BUNDLE_STORE_PROJECTION);
  }

  /** Returns whether this run reminds reviewers before an approval deadline. */
  static boolean remindsReviewers() {
    return isOn(APPROVAL_REMINDER);
  }

  /** Returns whether this run estimates each call against its budget sheet. */
  static boolean estimatesBudget() {
    return isOn(BUDGET_ESTIMATES);
  }

  /** Returns whether a step whose models all failed goes to a human instead of failing the job. */
  static boolean sendsExhaustedModelsToHuman() {
    return isOn(MODELS_EXHAUSTED_TO_HUMAN);
  }

  /** Returns whether store writes carry only what the store keeps. */
  static boolean slimsStoreWrites() {
    return isOn(SLIM_STORE_WRITES);
  }

  /** Returns whether the routing table and the artifact writes run as local activities. */
  static boolean runsQuickStepsLocally() {
    return isOn(QUICK_STEPS_LOCAL);
  }

  private static boolean isOn(String changeId) {
    return Workflow.getVersion(changeId, Workflow.DEFAULT_VERSION, 1) != Workflow.DEFAULT_VERSION;
  }
}
