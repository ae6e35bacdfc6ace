package dev.conveyor.workflow.activity;

import dev.conveyor.workflow.model.ApprovalReason;
import java.time.Instant;

/**
 * A reminder that a job's decision is due soon.
 *
 * @param jobId the job's id
 * @param revision the revision awaiting the decision
 * @param reason why a human must decide
 * @param deadline when the wait expires
 * @param raisedAt when the reminder was raised (workflow time)
 */
public record ApprovalReminder(
    String jobId, int revision, ApprovalReason reason, Instant deadline, Instant raisedAt) {

  /** Returns a key that names this reminder alone, for receivers that drop duplicates. */
  public String idempotencyKey() {
    return jobId + ":revision-" + revision + ":reminder";
  }
}
