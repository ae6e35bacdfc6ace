package dev.conveyor.workflow.model;

/** Where a part of a bundle is. */
public enum PartState {
  /** It waits for the parts it uses to pass QA. */
  WAITING,
  /** Its job runs. */
  RUNNING,
  /** Its output passed QA (and the cross-part check, once that ran). */
  PASSED,
  /** Its job ended without an output that passed QA: models exhausted, QA or budget. */
  FAILED,
  /** A part it uses failed, so it was not started. */
  BLOCKED
}
