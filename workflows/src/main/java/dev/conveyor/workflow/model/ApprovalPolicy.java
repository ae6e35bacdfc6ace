package dev.conveyor.workflow.model;

/** When a job waits for a human reviewer. */
public enum ApprovalPolicy {
  /** Every output that passes QA waits for a reviewer; a job whose QA never passes fails. */
  ALWAYS,
  /**
   * Outputs that pass QA are approved automatically; a job whose QA never passes goes to a human.
   */
  WHEN_QA_FAILS,
  /**
   * Outputs that pass QA with a score at or above the threshold are approved automatically; those
   * below it, and jobs whose QA never passes, go to a human.
   */
  BELOW_SCORE,
  /** No human: outputs that pass QA are approved, a job whose QA never passes fails. */
  NEVER
}
