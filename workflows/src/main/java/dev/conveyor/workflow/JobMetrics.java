package dev.conveyor.workflow;

import com.uber.m3.tally.Scope;
import com.uber.m3.util.Duration;
import dev.conveyor.workflow.model.ApprovalReason;
import dev.conveyor.workflow.model.BudgetPolicy;
import dev.conveyor.workflow.model.BundleStage;
import dev.conveyor.workflow.model.Stage;
import dev.conveyor.workflow.model.Step;
import io.temporal.workflow.Workflow;
import java.time.Instant;
import java.util.Map;

/**
 * The job's own metrics, through {@link Workflow#getMetricsScope()}: the SDK emits nothing while a
 * workflow replays, so a job evicted from the cache and replayed on another worker never counts
 * twice. The worker's Micrometer registry exports them (Prometheus names in brackets):
 *
 * <ul>
 *   <li>{@value #JOBS_FINISHED} ({@code conveyor_jobs_finished_total}), tag {@code state};
 *   <li>{@value #PIPELINE_DURATION} ({@code conveyor_pipeline_duration_seconds}): start to final
 *       state, tag {@code state};
 *   <li>{@value #QA_VERDICTS} ({@code conveyor_qa_verdicts_total}), tags {@code step}, {@code
 *       outcome} = passed or failed;
 *   <li>{@value #QA_RETRIES} ({@code conveyor_qa_retries_total}): generations after a failed QA,
 *       tag {@code step};
 *   <li>{@value #APPROVAL_WAIT} ({@code conveyor_approval_wait_seconds}), tags {@code reason},
 *       {@code outcome} = decided or expired;
 *   <li>{@value #BUDGET_INTERVENTIONS} ({@code conveyor_budget_interventions_total}), tags {@code
 *       step}, {@code action} = SWITCH, ASK_HUMAN or STOP;
 *   <li>{@value #BUNDLES_FINISHED} ({@code conveyor_bundles_finished_total}): bundles, tag {@code
 *       state} (each part counts as a job too, DELIVERED when it passed QA);
 *   <li>{@value #CROSS_PART_CHECKS} ({@code conveyor_cross_part_checks_total}): a bundle's verdicts
 *       on its parts, tag {@code outcome} = passed or failed.
 * </ul>
 */
final class JobMetrics {

  static final String JOBS_FINISHED = "conveyor_jobs_finished";
  static final String PIPELINE_DURATION = "conveyor_pipeline_duration";
  static final String QA_VERDICTS = "conveyor_qa_verdicts";
  static final String QA_RETRIES = "conveyor_qa_retries";
  static final String APPROVAL_WAIT = "conveyor_approval_wait";
  static final String BUDGET_INTERVENTIONS = "conveyor_budget_interventions";
  static final String BUNDLES_FINISHED = "conveyor_bundles_finished";
  static final String CROSS_PART_CHECKS = "conveyor_cross_part_checks";

  private JobMetrics() {}

  static void finished(Stage state, Instant createdAt, Instant finishedAt) {
    Scope scope = scope(Map.of("state", state.name()));
    scope.counter(JOBS_FINISHED).inc(1);
    if (createdAt != null) {
      scope.timer(PIPELINE_DURATION).record(between(createdAt, finishedAt));
    }
  }

  static void qaVerdict(Step step, boolean passed) {
    scope(Map.of("step", step.name(), "outcome", passed ? "passed" : "failed"))
        .counter(QA_VERDICTS)
        .inc(1);
  }

  static void qaRetry(Step step) {
    scope(Map.of("step", step.name())).counter(QA_RETRIES).inc(1);
  }

  static void approvalWait(ApprovalReason reason, boolean decided, Instant since, Instant until) {
    scope(Map.of("reason", reason.name(), "outcome", decided ? "decided" : "expired"))
        .timer(APPROVAL_WAIT)
        .record(between(since, until));
  }

  static void budgetIntervention(Step step, BudgetPolicy action) {
    scope(Map.of("step", step.name(), "action", action.name()))
        .counter(BUDGET_INTERVENTIONS)
        .inc(1);
  }

  static void bundleFinished(BundleStage state) {
    scope(Map.of("state", state.name())).counter(BUNDLES_FINISHED).inc(1);
  }

  static void crossPartCheck(boolean passed) {
    scope(Map.of("outcome", passed ? "passed" : "failed")).counter(CROSS_PART_CHECKS).inc(1);
  }

  private static Scope scope(Map<String, String> tags) {
    return Workflow.getMetricsScope().tagged(tags);
  }

  private static Duration between(Instant from, Instant to) {
    return Duration.ofMillis(Math.max(0, to.toEpochMilli() - from.toEpochMilli()));
  }
}
