package dev.conveyor.store;

/** What a timeline event records. */
public enum TimelineEventType {
  /** The job was submitted. */
  SUBMITTED,
  /** The job entered a working stage. */
  STAGE,
  /** A model call finished. */
  MODEL_CALL,
  /** QA judged an attempt. */
  QA_VERDICT,
  /**
   * A reviewer's decision arrived (applied or ignored), or the job decided by policy or timeout.
   */
  DECISION,
  /** The approval deadline is near and a reminder was raised. */
  REMINDER,
  /** A budget rule intervened. */
  BUDGET,
  /** The job ended. */
  FINISHED
}
