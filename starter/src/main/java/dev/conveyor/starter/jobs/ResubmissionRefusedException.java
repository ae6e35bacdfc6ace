package dev.conveyor.starter.jobs;

/** A resubmission of a job that is not LOST, or that cannot be linked; answered 409. */
public class ResubmissionRefusedException extends RuntimeException {

  public ResubmissionRefusedException(String message) {
    super(message);
  }
}
