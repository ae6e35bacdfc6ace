package dev.conveyor.workflow.model;

/** Where a job is: a working stage, or one of the final states. */
public enum Stage {
  PROMPT,
  GENERATE,
  QA,
  AWAITING_APPROVAL,
  APPROVED,
  REJECTED,
  FAILED,
  EXPIRED,
  CANCELLED;

  /** Returns whether the job has ended in this stage. */
  public boolean isFinal() {
    return ordinal() >= APPROVED.ordinal();
  }
}
