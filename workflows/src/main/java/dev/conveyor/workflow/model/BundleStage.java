package dev.conveyor.workflow.model;

/** Where a bundle is: a working stage, or one of the final states. */
public enum BundleStage {
  /** Parts are being made, each by its own job. */
  RUNNING,
  /** The cross-part check compares the parts' outputs. */
  CHECKING,
  /** The bundle waits for its one human decision. */
  AWAITING_APPROVAL,
  APPROVED,
  REJECTED,
  FAILED,
  EXPIRED,
  CANCELLED;

  /** Returns whether the bundle has ended in this stage. */
  public boolean isFinal() {
    return ordinal() >= APPROVED.ordinal();
  }
}
