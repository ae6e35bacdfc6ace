package dev.conveyor.starter.review;

/** A reviewer tried to approve a job they submitted, and self-approval is not allowed. */
public class SelfApprovalException extends RuntimeException {

  public SelfApprovalException(String reviewer, String jobId) {
    super(
        reviewer
            + " submitted job "
            + jobId
            + " and may not approve it: another reviewer must"
            + " (conveyor.security.allow-self-approval is false)");
  }
}
