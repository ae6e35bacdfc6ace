package dev.conveyor.bench;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.conveyor.activities.reminder.ReminderActivitiesImpl;
import dev.conveyor.activities.reminder.ReminderSettings;
import dev.conveyor.activities.store.JobStoreActivitiesImpl;
import dev.conveyor.store.JdbcJobStoreWriter;
import dev.conveyor.store.JobStoreSchema;
import dev.conveyor.worker.store.EmbeddedPostgresServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The job store as the worker runs it by default: an embedded PostgreSQL (here on a free port, data
 * in a temporary folder), started once per benchmark run, so the figures include the projection's
 * writes.
 */
final class BenchStore {

  private static JobStoreActivitiesImpl activities;

  private BenchStore() {}

  /** Returns the store activity on the shared embedded PostgreSQL, starting it on first use. */
  static synchronized JobStoreActivitiesImpl activities() {
    if (activities == null) {
      EmbeddedPostgresServer server =
          EmbeddedPostgresServer.start("127.0.0.1", 0, tempDir().resolve("pg"), "conveyor");
      HikariConfig config = new HikariConfig();
      config.setJdbcUrl(server.jdbcUrl());
      config.setUsername(EmbeddedPostgresServer.USER);
      config.setMaximumPoolSize(16);
      HikariDataSource dataSource = new HikariDataSource(config);
      JobStoreSchema.migrate(dataSource);
      activities = new JobStoreActivitiesImpl(new JdbcJobStoreWriter(dataSource));
    }
    return activities;
  }

  /** Returns the reminder activities with the worker's defaults. */
  static ReminderActivitiesImpl reminders() {
    return new ReminderActivitiesImpl(ReminderSettings.defaults(), new SimpleMeterRegistry());
  }

  private static Path tempDir() {
    try {
      return Files.createTempDirectory("conveyor-bench-store");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
