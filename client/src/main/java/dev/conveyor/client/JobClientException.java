package dev.conveyor.client;

/**
 * An error of the job client. The subclasses name what went wrong; this class itself stands for an
 * unexpected failure of Temporal or of the job.
 */
public class JobClientException extends RuntimeException {

  public JobClientException(String message) {
    super(message);
  }

  public JobClientException(String message, Throwable cause) {
    super(message, cause);
  }
}
