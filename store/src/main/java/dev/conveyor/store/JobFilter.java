package dev.conveyor.store;

import dev.conveyor.workflow.model.Stage;
import java.time.Instant;

/**
 * Which jobs a listing returns. Every null field matches every job.
 *
 * @param stage the job's current stage or final state
 * @param finished true for ended jobs only, false for running jobs only
 * @param tag a tag the job carries
 * @param submitter who submitted the job
 * @param createdFrom created at or after
 * @param createdTo created before
 * @param awaitingSinceBefore waiting for a decision since before this instant (older than an age)
 * @param order the order, NEWEST_FIRST when null
 */
public record JobFilter(
    Stage stage,
    Boolean finished,
    String tag,
    String submitter,
    Instant createdFrom,
    Instant createdTo,
    Instant awaitingSinceBefore,
    JobOrder order) {

  public JobFilter {
    order = order == null ? JobOrder.NEWEST_FIRST : order;
  }

  /** Returns a filter that matches every job, newest first. */
  public static JobFilter all() {
    return new JobFilter(null, null, null, null, null, null, null, null);
  }

  /** Returns a filter for the reviewers' inbox: jobs awaiting a decision, oldest first. */
  public static JobFilter awaitingApproval() {
    return new JobFilter(
        Stage.AWAITING_APPROVAL,
        null,
        null,
        null,
        null,
        null,
        null,
        JobOrder.OLDEST_AWAITING_FIRST);
  }
}
