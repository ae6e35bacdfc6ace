package dev.conveyor.store;

import java.util.List;

/**
 * One page of a job listing.
 *
 * @param jobs the jobs on this page
 * @param page the page number, from 0
 * @param size the page size asked for
 * @param total how many jobs match the filter across all pages
 */
public record JobPage(List<JobSummary> jobs, int page, int size, long total) {

  public JobPage {
    jobs = List.copyOf(jobs);
  }
}
