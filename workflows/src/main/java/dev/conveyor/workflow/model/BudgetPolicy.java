package dev.conveyor.workflow.model;

/**
 * What a job does when the estimate of its next paid model call exceeds what remains of its budget.
 */
public enum BudgetPolicy {
  /**
   * The call goes to the step's cheaper (economy) model instead; when even that one does not fit,
   * the job stops as with {@link #STOP}.
   */
  SWITCH,
  /**
   * The job waits for a reviewer with reason {@link ApprovalReason#BUDGET}: approve accepts the
   * newest output, reject ends the job, reject with {@code regenerate} grants another budget of the
   * same size and starts a new revision.
   */
  ASK_HUMAN,
  /** The job ends FAILED before the call, with the estimate and the remaining budget as reason. */
  STOP
}
