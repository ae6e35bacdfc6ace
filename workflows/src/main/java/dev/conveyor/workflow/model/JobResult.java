package dev.conveyor.workflow.model;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * How a job ended. Every business outcome, failure included, is a result: the workflow itself
 * completes.
 *
 * @param jobId the job's id
 * @param state APPROVED, REJECTED, FAILED, EXPIRED or CANCELLED
 * @param output the approved output (or the last one produced), null when none was
 * @param reason why the job ended as it did
 * @param decidedBy who decided: a reviewer, {@code policy} or {@code timeout}
 * @param revisions how many revisions were made after rejections
 * @param qaAttempts how many generations QA judged in all
 * @param inputTokens input tokens in all
 * @param outputTokens output tokens in all
 * @param costUsd cost in all, in US dollars
 * @param usageByStep calls, tokens, images and cost of each step
 * @param budgetInterventions every time the budget changed what the job did
 * @param verdict the QA verdict on the last output judged, null when none was
 */
public record JobResult(
    String jobId,
    Stage state,
    ArtifactRef output,
    String reason,
    String decidedBy,
    int revisions,
    int qaAttempts,
    long inputTokens,
    long outputTokens,
    BigDecimal costUsd,
    Map<Step, StepUsage> usageByStep,
    List<BudgetIntervention> budgetInterventions,
    QaVerdict verdict) {

  public JobResult {
    usageByStep = usageByStep == null ? Map.of() : usageByStep;
    budgetInterventions = budgetInterventions == null ? List.of() : budgetInterventions;
  }

  /**
   * Returns how a job ended, from its status at the end: its stage is the final state, and its
   * usage, cost and revision are the totals.
   *
   * @param decidedBy who decided: a reviewer, {@code policy}, {@code timeout} or null
   */
  public static JobResult endedAt(JobStatus status, String decidedBy) {
    return of(status, status.stage(), decidedBy);
  }

  /**
   * Returns the result of a job Temporal closed as cancelled, from its last status: CANCELLED, with
   * how far the job got.
   */
  public static JobResult cancelled(JobStatus status) {
    return of(status, Stage.CANCELLED, null);
  }

  private static JobResult of(JobStatus status, Stage state, String decidedBy) {
    int judged = (int) status.attempts().stream().filter(a -> a.verdict() != null).count();
    return new JobResult(
        status.jobId(),
        state,
        status.output(),
        status.reason(),
        decidedBy,
        status.revision(),
        judged,
        status.inputTokens(),
        status.outputTokens(),
        status.costUsd(),
        status.usageByStep(),
        status.budgetInterventions(),
        lastVerdict(status.attempts()));
  }

  private static QaVerdict lastVerdict(List<AttemptRecord> attempts) {
    for (int i = attempts.size() - 1; i >= 0; i--) {
      if (attempts.get(i).verdict() != null) {
        return attempts.get(i).verdict();
      }
    }
    return null;
  }
}
