package dev.conveyor.client;

/** Temporal did not answer in time or could not be reached; the call may be retried. */
public class TemporalUnavailableException extends JobClientException {

  public TemporalUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
