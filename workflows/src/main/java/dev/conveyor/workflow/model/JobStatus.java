package dev.conveyor.workflow.model;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A job's progress, as the {@code status} query answers it.
 *
 * @param jobId the job's id, which is its workflow id
 * @param outputKind TEXT or IMAGE
 * @param stage where the job is
 * @param revision the current revision, 0 before any rejection
 * @param attempt the current attempt within the revision, 0 before the first generation
 * @param models the model that serves each step, as {@code provider/model}
 * @param prompt the generated prompt, once written
 * @param output the newest output
 * @param attempts every generation with its QA verdict
 * @param calls every model call, in order
 * @param inputTokens input tokens so far
 * @param outputTokens output tokens so far
 * @param costUsd cost so far in US dollars
 * @param awaiting the decision awaited, null when none is
 * @param decisions every decision received, applied or ignored
 * @param reason why the job ended as it did, null while it runs
 * @param createdAt when the job started
 * @param updatedAt when its status last changed
 * @param finishedAt when it ended, null while it runs
 * @param usageByStep calls, tokens, images and cost of each step so far (the totals are {@code
 *     inputTokens}, {@code outputTokens} and {@code costUsd})
 * @param budgetUsd the budget in force, null for no limit
 * @param budgetPolicy what the job does when a call would overrun the budget
 * @param budgetInterventions every time the budget changed what the job did
 */
public record JobStatus(
    String jobId,
    OutputKind outputKind,
    Stage stage,
    int revision,
    int attempt,
    Map<Step, String> models,
    ArtifactRef prompt,
    ArtifactRef output,
    List<AttemptRecord> attempts,
    List<ModelCall> calls,
    long inputTokens,
    long outputTokens,
    BigDecimal costUsd,
    AwaitingApproval awaiting,
    List<DecisionRecord> decisions,
    String reason,
    Instant createdAt,
    Instant updatedAt,
    Instant finishedAt,
    Map<Step, StepUsage> usageByStep,
    BigDecimal budgetUsd,
    BudgetPolicy budgetPolicy,
    List<BudgetIntervention> budgetInterventions) {

  public JobStatus {
    usageByStep = usageByStep == null ? Map.of() : usageByStep;
    budgetInterventions = budgetInterventions == null ? List.of() : budgetInterventions;
  }
}
