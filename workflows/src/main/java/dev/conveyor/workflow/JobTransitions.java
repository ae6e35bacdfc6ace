package dev.conveyor.workflow;

import dev.conveyor.workflow.activity.ApprovalReminder;
import dev.conveyor.workflow.model.JobResult;
import dev.conveyor.workflow.model.JobStatus;
import dev.conveyor.workflow.model.Stage;
import io.temporal.workflow.Workflow;
import org.slf4j.Logger;

/**
 * Moves a job between stages and makes each move known: to the Temporal UI ({@link JobVisibility}),
 * to the job store ({@link JobProjection}), and at the end to the metrics and the log.
 */
final class JobTransitions {

  /** Logs under the workflow's name, as the job always has, so log filters keep working. */
  private static final Logger log = Workflow.getLogger(JobWorkflowImpl.class);

  private final JobState job;
  private final JobProjection projection;

  JobTransitions(JobState job, JobProjection projection) {
    this.job = job;
    this.projection = projection;
  }

  /** Moves the job to a working stage. */
  void enter(Stage next) {
    job.enter(next);
    JobVisibility.entered(job);
    projection.stage(job.status());
  }

  /** Makes known that reviewers were reminded of the decision awaited. */
  void reminded(ApprovalReminder reminder) {
    job.touch();
    projection.reminded(job.status(), reminder);
  }

  /**
   * Ends the job in a final state and returns its result.
   *
   * @param decidedBy who decided: a reviewer, {@code policy}, {@code timeout} or null
   */
  JobResult finish(Stage state, String why, String decidedBy, ApprovalState approval) {
    job.end(state, why);
    JobVisibility.ended(job, approval);
    log.info("job {} ended {}: {}", job.jobId(), state, why);
    JobMetrics.finished(state, job.createdAt(), job.finishedAt());
    JobStatus status = job.status();
    projection.finished(status, decidedBy);
    return JobResult.endedAt(status, decidedBy);
  }
}
