package dev.conveyor.store.testing;

import dev.conveyor.store.JobStoreSchema;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;

/**
 * A real PostgreSQL for tests: one embedded server per test JVM on a free port, with a fresh,
 * migrated database for each caller. The server stops when the JVM exits.
 */
public final class TestPostgres {

  /** A database of the test server. */
  public record Database(String name, String url, DataSource dataSource) {

    /** The user tests connect as (the embedded server trusts loopback connections). */
    public static final String USER = "postgres";
  }

  private static final AtomicInteger DATABASES = new AtomicInteger();
  private static EmbeddedPostgres server;

  private TestPostgres() {}

  /** Returns a new, empty database without tables. */
  public static Database emptyDatabase() {
    EmbeddedPostgres postgres = server();
    String name = "conveyor_test_" + DATABASES.incrementAndGet();
    try (Connection connection = postgres.getPostgresDatabase().getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE DATABASE " + name);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create test database " + name, e);
    }
    return new Database(
        name, postgres.getJdbcUrl(Database.USER, name), postgres.getDatabase(Database.USER, name));
  }

  /** Returns a new database with the job store's tables. */
  public static Database migratedDatabase() {
    Database database = emptyDatabase();
    JobStoreSchema.migrate(database.dataSource());
    return database;
  }

  private static synchronized EmbeddedPostgres server() {
    if (server == null) {
      try {
        server = EmbeddedPostgres.builder().start();
      } catch (IOException e) {
        throw new UncheckedIOException("cannot start the embedded PostgreSQL", e);
      }
      EmbeddedPostgres started = server;
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> {
                    try {
                      started.close();
                    } catch (IOException e) {
                      // The JVM is exiting; the server's temporary folder goes with it.
                    }
                  }));
    }
    return server;
  }
}
