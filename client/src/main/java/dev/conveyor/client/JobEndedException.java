package dev.conveyor.client;

/** The job has already ended, so it takes no more signals and cannot be cancelled. */
public class JobEndedException extends JobClientException {

  public JobEndedException(String jobId) {
    super("job " + jobId + " already ended");
  }
}
