package dev.conveyor.workflow.model;

/** What happens when nobody decides before the approval timeout. */
public enum ExpiryAction {
  /** The job ends EXPIRED. */
  EXPIRE,
  /** The job ends APPROVED when the output awaiting approval passed QA, EXPIRED otherwise. */
  AUTO_APPROVE
}
