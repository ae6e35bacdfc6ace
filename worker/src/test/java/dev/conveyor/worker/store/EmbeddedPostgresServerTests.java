package dev.conveyor.worker.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conveyor.store.JdbcJobQueries;
import dev.conveyor.store.JdbcJobStoreWriter;
import dev.conveyor.store.JobFilter;
import dev.conveyor.store.JobStoreSchema;
import dev.conveyor.store.testing.StoreWrites;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.ds.PGSimpleDataSource;

/** The worker's embedded PostgreSQL keeps its data across restarts. */
class EmbeddedPostgresServerTests {

  @TempDir Path data;

  @Test
  void should_keep_the_jobs_when_it_starts_again_on_the_same_folder() throws Exception {
    // given
    try (EmbeddedPostgresServer first =
        EmbeddedPostgresServer.start("127.0.0.1", 0, data.resolve("pg"), "conveyor")) {
      PGSimpleDataSource dataSource = dataSource(first);
      JobStoreSchema.migrate(dataSource);
      new JdbcJobStoreWriter(dataSource)
          .write(
              StoreWrites.job("job-kept", "shop", List.of(), Instant.parse("2026-03-01T09:00:00Z"))
                  .submitted());
    }

    // when
    try (EmbeddedPostgresServer second =
        EmbeddedPostgresServer.start("127.0.0.1", 0, data.resolve("pg"), "conveyor")) {
      PGSimpleDataSource dataSource = dataSource(second);

      // then
      assertThat(JobStoreSchema.migrate(dataSource)).isZero();
      assertThat(new JdbcJobQueries(dataSource).list(JobFilter.all(), 0, 10).jobs())
          .extracting(job -> job.jobId())
          .containsExactly("job-kept");
    }
  }

  private static PGSimpleDataSource dataSource(EmbeddedPostgresServer server) {
    PGSimpleDataSource dataSource = new PGSimpleDataSource();
    dataSource.setURL(server.jdbcUrl());
    dataSource.setUser(EmbeddedPostgresServer.USER);
    return dataSource;
  }
}
