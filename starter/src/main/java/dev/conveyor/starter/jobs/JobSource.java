package dev.conveyor.starter.jobs;

/** Where a read of a job was answered from. */
public enum JobSource {
  /** The job's workflow answered: the live state. */
  TEMPORAL,
  /** The job store answered: the state its workflow last recorded, or LOST. */
  STORE
}
