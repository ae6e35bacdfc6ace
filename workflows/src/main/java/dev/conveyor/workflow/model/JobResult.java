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
    List<BudgetIntervention> budgetInterventions) {

  public JobResult {
    usageByStep = usageByStep == null ? Map.of() : usageByStep;
    budgetInterventions = budgetInterventions == null ? List.of() : budgetInterventions;
  }
}
