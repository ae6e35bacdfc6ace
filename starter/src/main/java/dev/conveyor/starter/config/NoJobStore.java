package dev.conveyor.starter.config;

import dev.conveyor.store.JobDetail;
import dev.conveyor.store.JobFilter;
import dev.conveyor.store.JobPage;
import dev.conveyor.store.JobQueries;
import dev.conveyor.store.StoredBundle;
import java.util.Optional;

/** Stands in when no job store is configured: it knows no job or bundle and cannot list any. */
public final class NoJobStore implements JobQueries {

  @Override
  public JobPage list(JobFilter filter, int page, int size) {
    throw new IllegalStateException(
        "no job store is configured: listing jobs needs the PostgreSQL job store");
  }

  @Override
  public Optional<JobDetail> find(String jobId) {
    return Optional.empty();
  }

  @Override
  public Optional<StoredBundle> findBundle(String bundleId) {
    return Optional.empty();
  }
}
