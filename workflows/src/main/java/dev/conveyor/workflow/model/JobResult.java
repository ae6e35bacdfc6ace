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

  /**
   * Returns how a job ended, from its status at the end: its stage is the final state, and its
   * usage, cost and revision are the totals.
   *
   * @param decidedBy who decided: a reviewer, {@code policy}, {@code timeout} or null
   */
  public static JobResult endedAt(JobStatus status, String decidedBy) {
    return from(status).decidedBy(decidedBy).build();
  }

  /**
   * Returns the result of a job Temporal closed as cancelled, from its last status: CANCELLED, with
   * how far the job got.
   */
  public static JobResult cancelled(JobStatus status) {
    return from(status).state(Stage.CANCELLED).build();
  }

  /** Returns a builder holding what a status says of the job so far. */
  private static Builder from(JobStatus status) {
    return builder()
        .jobId(status.jobId())
        .state(status.stage())
        .output(status.output())
        .reason(status.reason())
        .revisions(status.revision())
        .qaAttempts(
            (int) status.attempts().stream().filter(attempt -> attempt.verdict() != null).count())
        .inputTokens(status.inputTokens())
        .outputTokens(status.outputTokens())
        .costUsd(status.costUsd())
        .usageByStep(status.usageByStep())
        .budgetInterventions(status.budgetInterventions());
  }

  /** Returns a builder of a result; the cost starts at zero. */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds a result field by field, so no caller lines up 12 positional arguments. */
  public static final class Builder {
    private String jobId;
    private Stage state;
    private ArtifactRef output;
    private String reason;
    private String decidedBy;
    private int revisions;
    private int qaAttempts;
    private long inputTokens;
    private long outputTokens;
    private BigDecimal costUsd = BigDecimal.ZERO;
    private Map<Step, StepUsage> usageByStep;
    private List<BudgetIntervention> budgetInterventions;

    private Builder() {}

    public Builder jobId(String value) {
      this.jobId = value;
      return this;
    }

    public Builder state(Stage value) {
      this.state = value;
      return this;
    }

    public Builder output(ArtifactRef value) {
      this.output = value;
      return this;
    }

    public Builder reason(String value) {
      this.reason = value;
      return this;
    }

    public Builder decidedBy(String value) {
      this.decidedBy = value;
      return this;
    }

    public Builder revisions(int value) {
      this.revisions = value;
      return this;
    }

    public Builder qaAttempts(int value) {
      this.qaAttempts = value;
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

    public Builder usageByStep(Map<Step, StepUsage> value) {
      this.usageByStep = value;
      return this;
    }

    public Builder budgetInterventions(List<BudgetIntervention> value) {
      this.budgetInterventions = value;
      return this;
    }

    public JobResult build() {
      return new JobResult(
          jobId,
          state,
          output,
          reason,
          decidedBy,
          revisions,
          qaAttempts,
          inputTokens,
          outputTokens,
          costUsd,
          usageByStep,
          budgetInterventions);
    }
  }
}
