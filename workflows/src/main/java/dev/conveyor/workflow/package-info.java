/**
 * The job workflow: its interface ({@link dev.conveyor.workflow.JobWorkflow}) and implementation,
 * and the pieces the implementation is made of, each named for its concern; and the bundle workflow
 * ({@link dev.conveyor.workflow.BundleWorkflow}), whose parts are child jobs.
 *
 * <ul>
 *   <li>{@link dev.conveyor.workflow.JobWorkflowImpl}: the pipeline, read top to bottom.
 *   <li>{@link dev.conveyor.workflow.JobState}, with {@link dev.conveyor.workflow.JobLedger} and
 *       {@link dev.conveyor.workflow.BudgetGuard}: the job's state, its status and its result.
 *   <li>{@link dev.conveyor.workflow.DecisionDesk} and {@link
 *       dev.conveyor.workflow.DecisionRejection}: receiving, checking and refusing decisions.
 *   <li>{@link dev.conveyor.workflow.ModelSteps}: the model calls; {@link
 *       dev.conveyor.workflow.QuickSteps}: the routing table and the artifact writes, as local
 *       activities; {@link dev.conveyor.workflow.JobActivityOptions}: every activity's timeouts and
 *       retries.
 *   <li>{@link dev.conveyor.workflow.JobTransitions}, {@link dev.conveyor.workflow.JobVisibility},
 *       {@link dev.conveyor.workflow.JobProjection}, {@link dev.conveyor.workflow.JobMetrics}: what
 *       each stage change tells the Temporal UI, the job store and the metrics.
 *   <li>{@link dev.conveyor.workflow.JobVersions}: every {@code Workflow.getVersion} change id.
 *   <li>{@link dev.conveyor.workflow.StepTaskQueues}: the workflow implementation options that send
 *       a step's activity to its own task queue, for the workers that register the workflow.
 *   <li>{@link dev.conveyor.workflow.BundleWorkflowImpl}: a bundle read top to bottom; {@link
 *       dev.conveyor.workflow.BundleState} its state, {@link dev.conveyor.workflow.BundleParts} the
 *       child jobs of its parts, {@link dev.conveyor.workflow.BundleVisibility} its Temporal UI
 *       details.
 * </ul>
 *
 * <p>The state, the bundle's state, the desk, the ledger, the budget guard and the approval rules
 * make no Temporal call and are tested without Temporal; the rest may call the Temporal workflow
 * API. Nothing here may do I/O, read the system clock or start threads: those belong to activities.
 */
package dev.conveyor.workflow;
