package dev.conveyor.workflow;

import dev.conveyor.workflow.model.ApprovalReason;
import dev.conveyor.workflow.model.JobRequest;
import dev.conveyor.workflow.model.QaVerdict;

/** The approval policy as a rule: which QA verdicts a human must see. */
final class ApprovalRules {

  private ApprovalRules() {}

  /**
   * Returns why a human must see this verdict, or null when the policy decides alone: approved if
   * QA passed, failed otherwise.
   */
  static ApprovalReason reasonForHuman(JobRequest request, QaVerdict verdict) {
    boolean passed = verdict.passed();
    switch (request.approvalPolicy()) {
      case ALWAYS:
        return passed ? ApprovalReason.POLICY : null;
      case WHEN_QA_FAILS:
        return passed ? null : ApprovalReason.QA_FAILED;
      case BELOW_SCORE:
        if (!passed) {
          return ApprovalReason.QA_FAILED;
        }
        return verdict.score() < request.scoreThreshold() ? ApprovalReason.LOW_SCORE : null;
      case NEVER:
      default:
        return null;
    }
  }
}
