package dev.conveyor.client;

/** No job has the given id. */
public class JobNotFoundException extends JobClientException {

  private final String jobId;

  public JobNotFoundException(String jobId) {
    super("job " + jobId + " not found");
    this.jobId = jobId;
  }

  public String jobId() {
    return jobId;
  }
}
