package dev.conveyor.workflow.activity;

/**
 * What a job or bundle event records. The job store keeps the same type on its timeline events, so
 * an event keeps its meaning from the workflow to the console.
 */
public enum JobEventType {
  /** The job was submitted. */
  SUBMITTED,
  /** The job entered a working stage. */
  STAGE,
  /** A model call finished. */
  MODEL_CALL,
  /** QA judged an attempt. */
  QA_VERDICT,
  /** A decision arrived (applied or ignored), or the job decided by policy or timeout. */
  DECISION,
  /** The approval deadline is near and a reminder was raised. */
  REMINDER,
  /** A budget rule intervened. */
  BUDGET,
  /** The job ended. */
  FINISHED,
  /** A part of a bundle started, passed, failed or was blocked (bundles only). */
  PART
}
