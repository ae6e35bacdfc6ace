package dev.conveyor.workflow;

import dev.conveyor.workflow.DecisionDesk.Channel;
import dev.conveyor.workflow.model.BundleContext;
import dev.conveyor.workflow.model.DecisionAction;
import dev.conveyor.workflow.model.ExpiryAction;
import dev.conveyor.workflow.model.JobRequest;
import dev.conveyor.workflow.model.JobResult;
import dev.conveyor.workflow.model.QaVerdict;
import dev.conveyor.workflow.model.Stage;

/**
 * The endings no reviewer decides: a bundle's part delivered after QA, a job the policy approves or
 * fails alone, a decision that never came, and a failure. Each records on the desk who decided and
 * ends the job through {@link JobTransitions}.
 */
final class JobEndings {

  private final JobState job;
  private final DecisionDesk desk;
  private final JobTransitions transitions;

  JobEndings(JobState job, DecisionDesk desk, JobTransitions transitions) {
    this.job = job;
    this.desk = desk;
    this.transitions = transitions;
  }

  /**
   * Ends a part of a bundle after QA instead of waiting for a decision of its own: DELIVERED when
   * QA passed, FAILED otherwise. The bundle checks the parts together and takes the decision.
   */
  JobResult deliver(Round round, BundleContext bundled) {
    if (round.stoppedEarly()) {
      return fail(Stage.FAILED, round.stopped());
    }
    QaVerdict verdict = round.last().verdict();
    if (!verdict.passed()) {
      return fail(Stage.FAILED, JobTexts.qaNeverPassed(job.request().maxQaAttempts(), verdict));
    }
    String why =
        "QA passed (score " + verdict.score() + "); bundle " + bundled.bundleId() + " decides";
    return transitions.finish(Stage.DELIVERED, why, null, ApprovalState.NONE);
  }

  /** Ends a job the policy decides alone: approved when QA passed, failed otherwise. */
  JobResult byPolicy(QaVerdict verdict) {
    if (!verdict.passed()) {
      return fail(Stage.FAILED, JobTexts.qaNeverPassed(job.request().maxQaAttempts(), verdict));
    }
    desk.decideAlone(DecisionAction.APPROVE, Channel.POLICY, null);
    String why = "QA passed (score " + verdict.score() + "); approved by policy";
    return transitions.finish(
        Stage.APPROVED, why, Channel.POLICY.label(), ApprovalState.AUTO_APPROVED);
  }

  /** Ends a job whose decision never came: auto-approved when the request says so, else EXPIRED. */
  JobResult expire(boolean qaPassed) {
    JobRequest request = job.request();
    String noDecision = "no decision within " + request.approvalTimeout();
    boolean autoApprove = request.onExpiry() == ExpiryAction.AUTO_APPROVE && qaPassed;
    desk.decideAlone(autoApprove ? DecisionAction.APPROVE : null, Channel.TIMEOUT, noDecision);
    if (autoApprove) {
      String why = noDecision + "; auto-approved as QA passed";
      return transitions.finish(
          Stage.APPROVED, why, Channel.TIMEOUT.label(), ApprovalState.AUTO_APPROVED);
    }
    return transitions.finish(Stage.EXPIRED, noDecision, null, ApprovalState.EXPIRED);
  }

  /** Ends the job FAILED or CANCELLED: no human decided. */
  JobResult fail(Stage state, String why) {
    return transitions.finish(state, why, null, ApprovalState.NONE);
  }
}
