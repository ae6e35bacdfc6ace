package dev.conveyor.worker.store;

import dev.conveyor.worker.StartupFailure;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL started from the binaries in a jar, with its data in a folder that is kept
 * across restarts. It listens on one address only (loopback by default) and trusts local
 * connections as user {@code postgres}: a development store, not a production one.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {

  /** The user the worker and the starter connect as. */
  public static final String USER = "postgres";

  private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresServer.class);

  private static final Path PROC = Path.of("/proc");

  private final EmbeddedPostgres postgres;
  private final String host;
  private final String database;

  private EmbeddedPostgresServer(EmbeddedPostgres postgres, String host, String database) {
    this.postgres = postgres;
    this.host = host;
    this.database = database;
  }

  /**
   * Starts PostgreSQL and creates the database when it is missing. A PostgreSQL that a killed
   * worker left running on the same data folder is stopped first (see {@link OrphanPostgres}), so a
   * start after a crash needs no manual clean-up.
   *
   * @param host the address to listen on
   * @param port the port, or 0 for a free one
   * @param dataDir the data folder, initialised on first use and kept afterwards
   * @param database the database to create when missing
   */
  public static EmbeddedPostgresServer start(String host, int port, Path dataDir, String database) {
    Path data = dataDir.toAbsolutePath();
    EmbeddedPostgres postgres;
    try {
      Files.createDirectories(data.getParent());
      new OrphanPostgres(data, PROC).stop();
      EmbeddedPostgres.Builder builder =
          EmbeddedPostgres.builder()
              .setDataDirectory(data)
              .setCleanDataDirectory(false)
              .setServerConfig("listen_addresses", host);
      if (port > 0) {
        builder.setPort(port);
      }
      postgres = builder.start();
    } catch (IOException | RuntimeException e) {
      throw StartupFailure.configuration(
          "the embedded PostgreSQL (conveyor.store.embedded.*) did not start on "
              + host
              + ":"
              + port
              + " with data in "
              + data
              + ": "
              + e.getMessage()
              + " (is the port taken by another program?)",
          e);
    }
    EmbeddedPostgresServer server = new EmbeddedPostgresServer(postgres, host, database);
    server.createDatabase();
    log.info("Embedded PostgreSQL listening on {}:{}, data in {}", host, server.port(), data);
    return server;
  }

  /** Returns the port it listens on. */
  public int port() {
    return postgres.getPort();
  }

  /** Returns the JDBC URL of the job store's database. */
  public String jdbcUrl() {
    return "jdbc:postgresql://" + host + ":" + port() + "/" + database;
  }

  private void createDatabase() {
    try (Connection connection = postgres.getPostgresDatabase().getConnection();
        PreparedStatement exists =
            connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
      exists.setString(1, database);
      try (ResultSet row = exists.executeQuery()) {
        if (row.next()) {
          return;
        }
      }
      try (Statement create = connection.createStatement()) {
        // The name is checked as a lower-case identifier by the settings.
        create.execute("CREATE DATABASE " + database);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create database " + database, e);
    }
  }

  @Override
  public void close() throws IOException {
    postgres.close();
  }
}
