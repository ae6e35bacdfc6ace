package dev.conveyor.store;

import dev.conveyor.workflow.model.Stage;
import java.time.Instant;

/**
 * Which jobs and bundles a listing returns. Every null field matches every item, except {@code
 * bundleId}: without it a listing leaves out the jobs of bundles' parts (their bundle stands for
 * them); with it, it lists only that bundle's parts' jobs.
 *
 * @param stage the job's current stage or final state
 * @param finished true for ended jobs only, false for running jobs only
 * @param tag a tag the job carries
 * @param submitter who submitted the job
 * @param createdFrom created at or after
 * @param createdTo created before
 * @param awaitingSinceBefore waiting for a decision since before this instant (older than an age)
 * @param order the order, NEWEST_FIRST when null
 * @param kind only jobs or only bundles; null for both
 * @param bundleId only the jobs of this bundle's parts; null for jobs and bundles of their own
 */
public record JobFilter(
    Stage stage,
    Boolean finished,
    String tag,
    String submitter,
    Instant createdFrom,
    Instant createdTo,
    Instant awaitingSinceBefore,
    JobOrder order,
    ItemKind kind,
    String bundleId) {

  public JobFilter {
    order = order == null ? JobOrder.NEWEST_FIRST : order;
  }

  /** Returns a filter of jobs and bundles of their own, without the parts' jobs. */
  public JobFilter(
      Stage stage,
      Boolean finished,
      String tag,
      String submitter,
      Instant createdFrom,
      Instant createdTo,
      Instant awaitingSinceBefore,
      JobOrder order) {
    this(
        stage,
        finished,
        tag,
        submitter,
        createdFrom,
        createdTo,
        awaitingSinceBefore,
        order,
        null,
        null);
  }

  /** Returns this filter for one kind of item only, or both with null. */
  public JobFilter withKind(ItemKind only) {
    return with(only, bundleId);
  }

  /** Returns this filter for the jobs of one bundle's parts. */
  public JobFilter withBundle(String id) {
    return with(kind, id);
  }

  private JobFilter with(ItemKind newKind, String newBundleId) {
    return new JobFilter(
        stage,
        finished,
        tag,
        submitter,
        createdFrom,
        createdTo,
        awaitingSinceBefore,
        order,
        newKind,
        newBundleId);
  }

  /** Returns a filter that matches every job and bundle of its own, newest first. */
  public static JobFilter all() {
    return new JobFilter(null, null, null, null, null, null, null, null);
  }

  /**
   * Returns a filter for the reviewers' inbox: jobs and bundles awaiting a decision, oldest first.
   */
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
