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
  CANCELLED,
  /**
   * A part of a bundle ended with an output that passed QA and handed it to its bundle, which runs
   * the cross-part checks and takes the one human decision. Reached only by a job started with a
   * {@link JobRequest#bundle()} context.
   */
  DELIVERED,
  /**
   * The job had not ended, but Temporal no longer knows its workflow (an in-memory server was
   * restarted, or its history was removed). Recorded by the starter from the job store, never
   * reached by the workflow itself; a resubmission starts the job again.
   */
  LOST;

  /** Returns whether the job has ended in this stage. */
  public boolean isFinal() {
    return ordinal() >= APPROVED.ordinal();
  }
}
