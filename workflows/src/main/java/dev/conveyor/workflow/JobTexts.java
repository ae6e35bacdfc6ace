package dev.conveyor.workflow;

import dev.conveyor.workflow.model.QaVerdict;
import dev.conveyor.workflow.model.ReviewDecision;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.TimeoutFailure;

/** The words a job writes: feedback for the next generation and the reasons it gives. */
public final class JobTexts {

  private JobTexts() {}

  /** Returns the feedback a rejection gives the next revision. */
  static String reviewerFeedback(ReviewDecision decision) {
    String comment = decision.comment();
    return "Reviewer "
        + decision.reviewer()
        + " rejected the previous output: "
        + (comment == null || comment.isBlank() ? "(no comment)" : comment);
  }

  /** Joins a reviewer's feedback and QA's feedback on the previous attempt; either may be null. */
  static String joinFeedback(String reviewerFeedback, String qaFeedback) {
    if (reviewerFeedback == null) {
      return qaFeedback;
    }
    return qaFeedback == null ? reviewerFeedback : reviewerFeedback + "\nQA: " + qaFeedback;
  }

  /**
   * Returns why a rejection ends the job: the reviewer did not ask for a new revision, or asked for
   * one beyond the limit.
   */
  static String rejection(ReviewDecision decision, int maxRevisions) {
    String limit =
        decision.wantsRevision() ? "; the limit of " + maxRevisions + " revisions is reached" : "";
    return "rejected by " + decision.reviewer() + limit + commentSuffix(decision);
  }

  /** Returns why a job whose policy decides alone failed: QA never passed. */
  static String qaNeverPassed(int maxQaAttempts, QaVerdict verdict) {
    return "QA did not pass in " + maxQaAttempts + " attempts: " + verdict.feedback();
  }

  /** Returns {@code ": comment"}, or nothing when the decision has no comment. */
  static String commentSuffix(ReviewDecision decision) {
    String comment = decision.comment();
    return comment == null || comment.isBlank() ? "" : ": " + comment;
  }

  /** Returns the innermost failure's own words, without Temporal's type and flags around them. */
  public static String rootMessage(Throwable failure) {
    Throwable cause = failure;
    while (cause.getCause() != null) {
      cause = cause.getCause();
    }
    if (cause instanceof ApplicationFailure application) {
      return application.getOriginalMessage() + " (" + application.getType() + ")";
    }
    if (cause instanceof TimeoutFailure timeout) {
      return "timed out (" + timeout.getTimeoutType() + ")";
    }
    return cause.getMessage();
  }
}
