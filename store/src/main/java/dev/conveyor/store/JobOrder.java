package dev.conveyor.store;

/** The order of a job listing. */
public enum JobOrder {
  /** The most recently created jobs first. */
  NEWEST_FIRST,
  /** The jobs that have waited longest for a decision first (an inbox). */
  OLDEST_AWAITING_FIRST
}
