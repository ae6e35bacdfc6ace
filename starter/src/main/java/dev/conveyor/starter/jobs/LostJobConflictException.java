package dev.conveyor.starter.jobs;

/**
 * A request that conflicts with what Temporal has lost, answered 409: a resubmission of a job that
 * is not LOST or cannot be linked, or a submission whose idempotency key names a job Temporal no
 * longer knows.
 */
public class LostJobConflictException extends RuntimeException {

  public LostJobConflictException(String message) {
    super(message);
  }
}
