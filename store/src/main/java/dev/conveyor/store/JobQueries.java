package dev.conveyor.store;

import java.util.Optional;

/**
 * Reads the job store. Listing and audit come from here, never from Temporal's visibility, so they
 * work on the embedded test server and outlive Temporal's retention.
 */
public interface JobQueries {

  /**
   * Returns one page of the jobs and bundles that match a filter.
   *
   * @param filter which jobs and bundles, in which order
   * @param page the page number, from 0
   * @param size the page size, from 1
   * @return the page, with the total number of matching items
   */
  JobPage list(JobFilter filter, int page, int size);

  /**
   * Returns how many jobs match a filter, for gauges and badges.
   *
   * @param filter which jobs
   * @return their number
   */
  default long count(JobFilter filter) {
    return list(filter, 0, 1).total();
  }

  /**
   * Returns everything the store holds about one job.
   *
   * @param jobId the job's id
   * @return the job, or empty when the store has never seen it
   */
  Optional<JobDetail> find(String jobId);

  /**
   * Returns how a listing shows one job, without its attempts, calls, decisions and events.
   *
   * @param jobId the job's id
   * @return the job, or empty when the store has never seen it
   */
  default Optional<JobSummary> summary(String jobId) {
    return find(jobId).map(JobDetail::summary);
  }

  /**
   * Returns everything the store holds about one bundle: its status and timeline.
   *
   * @param bundleId the bundle's id
   * @return the bundle, or empty when the store has never seen it (the default, for a store that
   *     holds no bundles)
   */
  default Optional<StoredBundle> findBundle(String bundleId) {
    return Optional.empty();
  }
}
