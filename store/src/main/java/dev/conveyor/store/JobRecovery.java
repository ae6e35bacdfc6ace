package dev.conveyor.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What the starter records when Temporal has lost a job: the job marked {@code LOST} with its
 * reason, and the link from a lost job to the job that replaces it. The workflow's own projection
 * never writes these; a later write of a job's workflow still moves its row forward, so a job
 * wrongly taken for lost heals itself.
 */
public interface JobRecovery {

  /**
   * Returns the ids of the jobs the store records as not ended (neither finished nor LOST), in id
   * order: the jobs a reconciliation checks against Temporal, one page at a time.
   *
   * @param after the last id of the previous page, or null for the first page
   * @param limit the most ids to return
   */
  List<String> unfinished(String after, int limit);

  /**
   * Marks a job LOST with a reason, unless it has ended or is LOST already. The job leaves the
   * inbox: its awaited decision is cleared.
   *
   * @param jobId the job's id
   * @param reason why the job is lost, for people
   * @param at when it was found lost
   * @return whether this call marked it
   */
  boolean markLost(String jobId, String reason, Instant at);

  /**
   * Links a job to the job that replaces it. A job is resubmitted once: when a link exists, it is
   * kept and returned.
   *
   * @param jobId the resubmitted job
   * @param resubmittedAs the new job
   * @param by who resubmitted it
   * @param at when
   * @return the new job the stored link names: {@code resubmittedAs}, or the job an earlier
   *     resubmission started; empty when {@code resubmittedAs} already replaces another job
   */
  Optional<String> linkResubmission(String jobId, String resubmittedAs, String by, Instant at);
}
