package dev.conveyor.workflow.evaluation;

/** Where an evaluation is. */
public enum EvaluationStage {
  /** Child jobs are running. */
  RUNNING,
  /** Every child job ended; the report is being written. */
  REPORTING,
  /** The report is written. */
  DONE,
  /** Cancelled: running child jobs were cancelled, no report was written. */
  CANCELLED,
  /** The report could not be written. */
  FAILED
}
