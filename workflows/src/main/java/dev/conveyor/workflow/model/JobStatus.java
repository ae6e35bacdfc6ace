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
 * @param profile the routing profile whose models serve the job; null for jobs started before
 *     profiles, which ran on {@code default}
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
    List<BudgetIntervention> budgetInterventions,
    String profile) {

  public JobStatus {
    usageByStep = usageByStep == null ? Map.of() : usageByStep;
    budgetInterventions = budgetInterventions == null ? List.of() : budgetInterventions;
  }

  /** Returns a builder of a status; lists and maps start empty and the cost at zero. */
  public static Builder builder() {
    return new Builder();
  }

  /** Returns a builder holding this status's fields, to change some of them. */
  public Builder toBuilder() {
    return new Builder()
        .jobId(jobId)
        .outputKind(outputKind)
        .stage(stage)
        .revision(revision)
        .attempt(attempt)
        .models(models)
        .prompt(prompt)
        .output(output)
        .attempts(attempts)
        .calls(calls)
        .inputTokens(inputTokens)
        .outputTokens(outputTokens)
        .costUsd(costUsd)
        .awaiting(awaiting)
        .decisions(decisions)
        .reason(reason)
        .createdAt(createdAt)
        .updatedAt(updatedAt)
        .finishedAt(finishedAt)
        .usageByStep(usageByStep)
        .budgetUsd(budgetUsd)
        .budgetPolicy(budgetPolicy)
        .budgetInterventions(budgetInterventions)
        .profile(profile);
  }

  /** Builds a status field by field, so no caller lines up 23 positional arguments. */
  public static final class Builder {
    private String jobId;
    private OutputKind outputKind;
    private Stage stage;
    private int revision;
    private int attempt;
    private Map<Step, String> models = Map.of();
    private ArtifactRef prompt;
    private ArtifactRef output;
    private List<AttemptRecord> attempts = List.of();
    private List<ModelCall> calls = List.of();
    private long inputTokens;
    private long outputTokens;
    private BigDecimal costUsd = BigDecimal.ZERO;
    private AwaitingApproval awaiting;
    private List<DecisionRecord> decisions = List.of();
    private String reason;
    private Instant createdAt;
    private Instant updatedAt;
    private Instant finishedAt;
    private Map<Step, StepUsage> usageByStep;
    private BigDecimal budgetUsd;
    private BudgetPolicy budgetPolicy;
    private List<BudgetIntervention> budgetInterventions;
    private String profile;

    private Builder() {}

    public Builder jobId(String value) {
      this.jobId = value;
      return this;
    }

    public Builder outputKind(OutputKind value) {
      this.outputKind = value;
      return this;
    }

    public Builder stage(Stage value) {
      this.stage = value;
      return this;
    }

    public Builder revision(int value) {
      this.revision = value;
      return this;
    }

    public Builder attempt(int value) {
      this.attempt = value;
      return this;
    }

    public Builder models(Map<Step, String> value) {
      this.models = value;
      return this;
    }

    public Builder prompt(ArtifactRef value) {
      this.prompt = value;
      return this;
    }

    public Builder output(ArtifactRef value) {
      this.output = value;
      return this;
    }

    public Builder attempts(List<AttemptRecord> value) {
      this.attempts = value;
      return this;
    }

    public Builder calls(List<ModelCall> value) {
      this.calls = value;
      return this;
    }

    public Builder inputTokens(long value) {
      this.inputTokens = value;
      return this;
    }

    public Builder outputTokens(long value) {
      this.outputTokens = value;
      return this;
    }

    public Builder costUsd(BigDecimal value) {
      this.costUsd = value;
      return this;
    }

    public Builder awaiting(AwaitingApproval value) {
      this.awaiting = value;
      return this;
    }

    public Builder decisions(List<DecisionRecord> value) {
      this.decisions = value;
      return this;
    }

    public Builder reason(String value) {
      this.reason = value;
      return this;
    }

    public Builder createdAt(Instant value) {
      this.createdAt = value;
      return this;
    }

    public Builder updatedAt(Instant value) {
      this.updatedAt = value;
      return this;
    }

    public Builder finishedAt(Instant value) {
      this.finishedAt = value;
      return this;
    }

    public Builder usageByStep(Map<Step, StepUsage> value) {
      this.usageByStep = value;
      return this;
    }

    public Builder budgetUsd(BigDecimal value) {
      this.budgetUsd = value;
      return this;
    }

    public Builder budgetPolicy(BudgetPolicy value) {
      this.budgetPolicy = value;
      return this;
    }

    public Builder budgetInterventions(List<BudgetIntervention> value) {
      this.budgetInterventions = value;
      return this;
    }

    public Builder profile(String value) {
      this.profile = value;
      return this;
    }

    public JobStatus build() {
      return new JobStatus(
          jobId,
          outputKind,
          stage,
          revision,
          attempt,
          models,
          prompt,
          output,
          attempts,
          calls,
          inputTokens,
          outputTokens,
          costUsd,
          awaiting,
          decisions,
          reason,
          createdAt,
          updatedAt,
          finishedAt,
          usageByStep,
          budgetUsd,
          budgetPolicy,
          budgetInterventions,
          profile);
    }
  }
}
