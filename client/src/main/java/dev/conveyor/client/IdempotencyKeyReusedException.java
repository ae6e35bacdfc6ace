package dev.conveyor.client;

/**
 * An idempotency key was sent again with a different request than the one that started its job.
 * Nothing starts; the existing job is left as it is.
 */
public class IdempotencyKeyReusedException extends JobClientException {

  private final String jobId;

  public IdempotencyKeyReusedException(String jobId) {
    super(
        "the idempotency key of job "
            + jobId
            + " was already used with a different request; send the same request to get that"
            + " job, or use a new key for a new job");
    this.jobId = jobId;
  }

  public String jobId() {
    return jobId;
  }
}
