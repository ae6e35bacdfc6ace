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

  /**
   * The system property naming the JDBC URL of a store that another process started, so that worker
   * processes of one benchmark share it; without it each JVM starts its own.
   */
  static final String STORE_URL = "conveyor.bench.store-url";

  private static JobStoreActivitiesImpl activities;

  private BenchStore() {}

  /** Returns the store activity on the shared embedded PostgreSQL, starting it on first use. */
  static synchronized JobStoreActivitiesImpl activities() {
    if (activities == null) {
      String url = System.getProperty(STORE_URL);
      HikariDataSource dataSource = migrated(url == null ? start() : url);
      activities = new JobStoreActivitiesImpl(new JdbcJobStoreWriter(dataSource));
    }
    return activities;
  }

  /**
   * An embedded PostgreSQL this process started for other processes to share.
   *
   * @param url its JDBC URL
   * @param dataDir its data folder, whose {@code postmaster.pid} names its main process
   */
  record Started(String url, Path dataDir) {

    /** Returns the main process's id, whose children serve the connections; -1 when unknown. */
    long postmasterPid() {
      try {
        return Long.parseLong(Files.readAllLines(dataDir.resolve("postmaster.pid")).get(0).strip());
      } catch (IOException | RuntimeException e) {
        return -1;
      }
    }
  }

  /** Starts an embedded PostgreSQL with the store's schema and returns its JDBC URL. */
  static String startMigrated() {
    return startShared().url();
  }

  /** Starts an embedded PostgreSQL with the store's schema, for other processes to share. */
  static Started startShared() {
    Path dataDir = tempDir().resolve("pg");
    String url = start(dataDir);
    migrated(url).close();
    return new Started(url, dataDir);
  }

  private static String start() {
    return start(tempDir().resolve("pg"));
  }

  private static String start(Path dataDir) {
    return EmbeddedPostgresServer.start("127.0.0.1", 0, dataDir, "conveyor").jdbcUrl();
  }

  private static HikariDataSource migrated(String url) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(url);
    config.setUsername(EmbeddedPostgresServer.USER);
    config.setMaximumPoolSize(16);
    HikariDataSource dataSource = new HikariDataSource(config);
    JobStoreSchema.migrate(dataSource);
    return dataSource;
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
