package dev.conveyor.workflow;

import dev.conveyor.workflow.model.Stage;
import dev.conveyor.workflow.model.Step;
import io.temporal.workflow.Workflow;

/**
 * What the Temporal UI shows of a job: its search attributes (stage and approval state), its
 * current details and the summary of each model call. The summaries name the model, never the
 * prompt or the requirements.
 */
final class JobVisibility {

  private JobVisibility() {}

  /** Shows that the job entered a working stage. */
  static void entered(JobState job) {
    Workflow.setCurrentDetails(currentDetails(job));
    Workflow.upsertTypedSearchAttributes(JobSearchAttributes.STAGE.valueSet(job.stage().name()));
  }

  /** Shows that the job awaits a decision; call it once it has entered AWAITING_APPROVAL. */
  static void awaitingDecision() {
    Workflow.upsertTypedSearchAttributes(
        JobSearchAttributes.APPROVAL.valueSet(ApprovalState.AWAITING.name()));
  }

  /** Shows how the job ended; call it once the job's state is final. */
  static void ended(JobState job, ApprovalState approval) {
    Workflow.setCurrentDetails(currentDetails(job));
    Workflow.upsertTypedSearchAttributes(
        JobSearchAttributes.STAGE.valueSet(job.stage().name()),
        JobSearchAttributes.APPROVAL.valueSet(approval.name()));
  }

  /** Returns the summary of the model call of a step: the step, its model, revision and attempt. */
  static String activitySummary(JobState job, Step step) {
    String summary = step + " · " + job.modelOf(step) + " · revision " + job.revision();
    return step == Step.PROMPT ? summary : summary + ", attempt " + job.attempt();
  }

  /** Returns the job's current details: stage, where it is or why it ended, tokens and cost. */
  static String currentDetails(JobState job) {
    Stage stage = job.stage();
    StringBuilder details = new StringBuilder("**").append(stage).append("**");
    if (stage.isFinal()) {
      details.append(": ").append(job.reason());
    } else if (job.attempt() > 0) {
      details.append(" · revision ").append(job.revision());
      details.append(", attempt ").append(job.attempt());
    }
    JobLedger ledger = job.ledger();
    details.append(" · ").append(ledger.inputTokens() + ledger.outputTokens()).append(" tokens");
    details.append(" · ").append(ledger.costUsd().toPlainString()).append(" USD");
    return details.toString();
  }
}
