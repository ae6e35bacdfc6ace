package dev.conveyor.starter.jobs;

import dev.conveyor.client.InvalidJobRequestException;
import dev.conveyor.client.JobClient;
import dev.conveyor.client.StartedJob;
import dev.conveyor.store.JobDetail;
import dev.conveyor.store.JobQueries;
import dev.conveyor.store.JobRecovery;
import dev.conveyor.store.JobSummary;
import dev.conveyor.workflow.model.FieldError;
import dev.conveyor.workflow.model.JobRequest;
import dev.conveyor.workflow.model.Stage;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;

/**
 * Starts a LOST job again from the request the store holds, as a submission by the resubmitting
 * principal, and links the two jobs both ways. A job is resubmitted once: a repeated resubmission
 * answers the job the first one started. Without an idempotency key the new job's key is derived
 * from the lost job's id, so concurrent resubmissions start one job.
 */
public class Resubmissions {

  /** What a derived key adds to the lost job's key. */
  static final String KEY_SUFFIX = ":resubmitted";

  private final JobClient jobs;
  private final JobReads reads;
  private final JobQueries store;
  private final JobRecovery recovery;
  private final Clock clock;

  public Resubmissions(
      JobClient jobs, JobReads reads, JobQueries store, JobRecovery recovery, Clock clock) {
    this.jobs = jobs;
    this.reads = reads;
    this.store = store;
    this.recovery = recovery;
    this.clock = clock;
  }

  /**
   * Resubmits a LOST job.
   *
   * @param jobId the lost job
   * @param idempotencyKey the new job's key as for a submission, or null for one derived from the
   *     lost job's id
   * @param principal who resubmits: the new job's submitter
   * @return the new job; {@code created} is false when an earlier resubmission started it
   * @throws dev.conveyor.client.JobNotFoundException when the store does not know the job
   * @throws LostJobConflictException when the job is not LOST or has no stored request
   * @throws InvalidJobRequestException when the idempotency key is invalid
   */
  public StartedJob resubmit(String jobId, String idempotencyKey, String principal) {
    if (idempotencyKey != null && !JobClient.IDEMPOTENCY_KEY.matcher(idempotencyKey).matches()) {
      throw new InvalidJobRequestException(
          List.of(
              new FieldError(
                  "idempotencyKey",
                  "must be 1 to 200 characters of letters, digits, '.', '_', ':' or '-'")));
    }
    JobDetail job = reads.detail(jobId);
    String earlier = job.summary().resubmittedAs();
    if (earlier != null) {
      return existing(earlier);
    }
    if (job.summary().stage() != Stage.LOST) {
      throw new LostJobConflictException(
          "job "
              + jobId
              + " is "
              + job.summary().stage()
              + ", not LOST: only a job Temporal has lost can be resubmitted");
    }
    if (job.request() == null) {
      throw new LostJobConflictException(
          "the job store holds no request for job " + jobId + ", so it cannot be resubmitted");
    }
    JobRequest request = job.request().toBuilder().submitter(principal).build();
    String key = idempotencyKey == null ? derivedKey(jobId) : idempotencyKey;
    refuseKeyOfLostJob(key);
    StartedJob started = jobs.start(key, request);
    String linked =
        recovery
            .linkResubmission(jobId, started.jobId(), principal, clock.instant())
            .orElseThrow(
                () ->
                    new LostJobConflictException(
                        "job "
                            + started.jobId()
                            + " already replaces another job; resubmit with another idempotency"
                            + " key"));
    return linked.equals(started.jobId()) ? started : existing(linked);
  }

  /**
   * Refuses an idempotency key whose job the store holds but Temporal no longer knows: a new
   * workflow under that id would be a different job hidden behind the old one's record.
   *
   * @throws LostJobConflictException when the key names such a job
   */
  public void refuseKeyOfLostJob(String idempotencyKey) {
    if (idempotencyKey == null || !JobClient.IDEMPOTENCY_KEY.matcher(idempotencyKey).matches()) {
      return;
    }
    String jobId = JobClient.JOB_ID_PREFIX + idempotencyKey;
    if (reads.lostToTemporal(jobId)) {
      throw new LostJobConflictException(
          "the idempotency key names job "
              + jobId
              + ", which Temporal no longer knows; resubmit that job (POST /api/jobs/"
              + jobId
              + "/resubmit) or use another key");
    }
  }

  private StartedJob existing(String jobId) {
    return new StartedJob(
        jobId, false, store.summary(jobId).map(JobSummary::stage).orElse(Stage.PROMPT));
  }

  /** Returns {@code abc:resubmitted} for {@code job-abc}, or a digest when that is too long. */
  static String derivedKey(String jobId) {
    String base =
        jobId.startsWith(JobClient.JOB_ID_PREFIX)
            ? jobId.substring(JobClient.JOB_ID_PREFIX.length())
            : jobId;
    String key = base + KEY_SUFFIX;
    if (JobClient.IDEMPOTENCY_KEY.matcher(key).matches()) {
      return key;
    }
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(jobId.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest) + KEY_SUFFIX;
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from the JDK", e);
    }
  }
}
