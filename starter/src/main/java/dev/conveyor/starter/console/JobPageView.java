package dev.conveyor.starter.console;

import dev.conveyor.store.JobDetail;
import dev.conveyor.workflow.model.ArtifactRef;
import dev.conveyor.workflow.model.AttemptRecord;
import dev.conveyor.workflow.model.ModelCall;
import dev.conveyor.workflow.model.Stage;
import java.math.BigDecimal;
import java.util.stream.Stream;

/**
 * What the job page shows: the stored job, the prompt and text output read from the artifact store,
 * and whether the viewer may decide now.
 *
 * @param job everything the store holds about the job
 * @param promptText the generated prompt, null before it is written or when it cannot be read
 * @param outputText the newest output when it is text, null otherwise
 * @param canDecide whether the job awaits a decision and the viewer is a reviewer or admin
 * @param version what changes whenever the page would: the live script compares it
 * @param recordBehind why the stored record is behind the job's workflow, null when it is not
 */
public record JobPageView(
    JobDetail job,
    String promptText,
    String outputText,
    boolean canDecide,
    String version,
    String recordBehind) {

  /**
   * Returns why the job store's record is behind the workflow, or null when it is in step or the
   * workflow's stage is unknown.
   */
  static String behind(Stage stored, Stage live) {
    if (live == null || live == stored) {
      return null;
    }
    return "This page shows the job store's record, which is behind the job: the record says "
        + stored
        + ", the workflow is at "
        + live
        + ". Store writes of this job failed (the worker's health names the error); the next"
        + " write that succeeds brings the record up to date.";
  }

  /** Returns the cost of every model call. */
  public BigDecimal totalCost() {
    return job.calls().stream().map(ModelCall::costUsd).reduce(BigDecimal.ZERO, BigDecimal::add);
  }

  /** Returns whether an artifact is one the job references, so the console may serve it. */
  static boolean references(JobDetail job, String sha256) {
    return refs(job).anyMatch(ref -> ref.sha256().equals(sha256));
  }

  /** Returns the job's artifact with this SHA-256. */
  static ArtifactRef ref(JobDetail job, String sha256) {
    return refs(job).filter(ref -> ref.sha256().equals(sha256)).findFirst().orElseThrow();
  }

  private static Stream<ArtifactRef> refs(JobDetail job) {
    return Stream.concat(
            Stream.of(job.prompt(), job.output()),
            job.attempts().stream().map(AttemptRecord::output))
        .filter(ref -> ref != null && ref.sha256() != null);
  }

  /** Returns the version of a job as the page and the progress endpoint see it. */
  static String versionOf(JobDetail job) {
    return job.summary().stage()
        + ":"
        + job.summary().revision()
        + ":"
        + job.attempts().size()
        + ":"
        + job.decisions().size()
        + ":"
        + job.timeline().size();
  }
}
