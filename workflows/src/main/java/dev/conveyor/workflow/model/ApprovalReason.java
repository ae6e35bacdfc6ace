package dev.conveyor.workflow.model;

/** Why a job waits for a human. */
public enum ApprovalReason {
  /** The approval policy asks a human to see every output that passed QA. */
  POLICY,
  /** QA never passed within the allowed attempts. */
  QA_FAILED,
  /** QA passed with a score under the request's threshold. */
  LOW_SCORE,
  /** A reviewer rejected the previous revision and asked for a new one. */
  REVISION,
  /**
   * Every model of a step failed, so the step could not finish; the reviewer may approve an output
   * already produced, reject, or ask for a new revision to try again.
   */
  MODELS_EXHAUSTED,
  /**
   * The next paid model call would overrun the job's budget (policy {@code ASK_HUMAN}); the
   * reviewer may approve the newest output, reject, or reject with {@code regenerate} to grant
   * another budget of the same size and start a new revision.
   */
  BUDGET
}
