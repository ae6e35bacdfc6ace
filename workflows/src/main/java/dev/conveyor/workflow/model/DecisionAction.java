package dev.conveyor.workflow.model;

/** A reviewer's verdict. */
public enum DecisionAction {
  APPROVE,
  REJECT
}
