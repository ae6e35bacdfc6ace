package dev.conveyor.starter.jobs;

import dev.conveyor.client.JobClient;
import dev.conveyor.client.JobClientException;
import dev.conveyor.client.JobNotFoundException;
import dev.conveyor.client.TemporalUnavailableException;
import dev.conveyor.store.JobDetail;
import dev.conveyor.store.JobFilter;
import dev.conveyor.store.JobPage;
import dev.conveyor.store.JobQueries;
import dev.conveyor.store.JobSummary;
import dev.conveyor.workflow.model.JobStatus;
import dev.conveyor.workflow.model.Stage;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;

/**
 * Every read of one job, in one place: the workflow answers while Temporal knows it, the job store
 * once Temporal does not (the job is then marked LOST if it had not ended) or while no answer comes
 * within {@code conveyor.jobs.status-timeout} (no worker running, Temporal unreachable). An answer
 * from the store says so, and why.
 */
public class JobReads {

  private static final Logger log = LoggerFactory.getLogger(JobReads.class);

  private final JobClient temporal;
  private final JobQueries store;
  private final LostJobs lostJobs;
  private final Duration timeout;

  /**
   * Creates the reads.
   *
   * @param temporal a client whose calls give up after {@code timeout}
   */
  public JobReads(JobClient temporal, JobQueries store, LostJobs lostJobs, Duration timeout) {
    this.temporal = temporal;
    this.store = store;
    this.lostJobs = lostJobs;
    this.timeout = timeout;
  }

  /**
   * Returns a job's status with where it came from.
   *
   * @throws JobNotFoundException when neither Temporal nor the store knows the job
   * @throws TemporalUnavailableException when Temporal does not answer and the store does not know
   *     the job
   */
  public JobView status(String jobId) {
    try {
      JobStatus status = temporal.status(jobId);
      Optional<JobSummary> stored = storedSummary(jobId);
      return new JobView(
          status,
          JobSource.TEMPORAL,
          null,
          stored.map(JobSummary::resubmittedAs).orElse(null),
          stored.map(JobSummary::resubmittedFrom).orElse(null));
    } catch (JobNotFoundException e) {
      JobDetail job = store.find(jobId).orElseThrow(() -> e);
      if (job.summary().finishedAt() == null && lostJobs.markLost(jobId)) {
        job = store.find(jobId).orElseThrow(() -> e);
      }
      return fromStore(job, "Temporal no longer knows the job's workflow");
    } catch (TemporalUnavailableException e) {
      JobDetail job = store.find(jobId).orElseThrow(() -> e);
      return fromStore(
          job,
          "no answer from Temporal within "
              + timeout.toMillis()
              + " ms (no worker is running, or Temporal is unreachable); this is the state the"
              + " job last recorded");
    }
  }

  /**
   * Returns everything the store holds about a job, after asking Temporal whether a job the store
   * records as running still exists (a job it does not know is marked LOST first).
   *
   * @throws JobNotFoundException when the store does not know the job
   */
  public JobDetail detail(String jobId) {
    JobDetail job = store.find(jobId).orElseThrow(() -> new JobNotFoundException(jobId));
    if (job.summary().finishedAt() == null
        && lostJobs.check(List.of(jobId)).markedLost().contains(jobId)) {
      return store.find(jobId).orElseThrow(() -> new JobNotFoundException(jobId));
    }
    return job;
  }

  /**
   * Returns a page of jobs awaiting a decision that Temporal still knows: the listed jobs are
   * checked, and those it has lost are marked LOST and leave the page.
   */
  public JobPage awaiting(JobFilter filter, int page, int size) {
    JobPage jobs = store.list(filter, page, size);
    List<String> ids = jobs.jobs().stream().map(JobSummary::jobId).toList();
    if (!lostJobs.check(ids).markedLost().isEmpty()) {
      return store.list(filter, page, size);
    }
    return jobs;
  }

  /**
   * Returns whether the store knows a job that Temporal does not. An unreachable Temporal is no
   * answer: then this returns false.
   */
  public boolean lostToTemporal(String jobId) {
    if (storedSummary(jobId).isEmpty()) {
      return false;
    }
    try {
      return !temporal.exists(jobId);
    } catch (TemporalUnavailableException e) {
      return false;
    }
  }

  /**
   * Returns the job's stage as Temporal knows it, within the short deadline: null when Temporal
   * does not know the job or cannot answer in time.
   */
  public Stage liveStage(String jobId) {
    try {
      return temporal.stage(jobId);
    } catch (JobClientException | IllegalArgumentException e) {
      return null;
    }
  }

  private static JobView fromStore(JobDetail job, String reason) {
    JobSummary summary = job.summary();
    return new JobView(
        StoredStatus.of(job),
        JobSource.STORE,
        reason,
        summary.resubmittedAs(),
        summary.resubmittedFrom());
  }

  /** The store's row for the links; a status from Temporal does not fail for want of it. */
  private Optional<JobSummary> storedSummary(String jobId) {
    try {
      return store.summary(jobId);
    } catch (DataAccessException | IllegalStateException e) {
      log.warn("job store unreadable for job {}: {}", jobId, e.getMessage());
      return Optional.empty();
    }
  }
}
