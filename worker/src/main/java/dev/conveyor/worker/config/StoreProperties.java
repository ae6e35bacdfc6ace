package dev.conveyor.worker.config;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The job store's settings under {@code conveyor.store}. With the embedded store off, the worker
 * connects to the PostgreSQL that {@code spring.datasource.*} names.
 *
 * @param embedded the PostgreSQL started inside the worker
 */
@ConfigurationProperties("conveyor.store")
public record StoreProperties(Embedded embedded) {

  public StoreProperties {
    embedded = embedded == null ? new Embedded(true, null, null, null, null) : embedded;
  }

  /**
   * The embedded PostgreSQL: real PostgreSQL binaries from a jar, no server to install.
   *
   * @param enabled whether the worker starts it (the local default)
   * @param host the address it listens on; loopback by default, so nothing outside the machine
   *     reaches it
   * @param port the port it listens on (default 5433, beside a PostgreSQL on 5432); 0 picks a free
   *     one
   * @param dataDir its data folder, kept across restarts (default {@code data/postgres})
   * @param database the database the job store uses (default {@code conveyor}), created when
   *     missing
   */
  public record Embedded(
      boolean enabled, String host, Integer port, Path dataDir, String database) {

    public Embedded {
      host = host == null ? "127.0.0.1" : host;
      port = port == null ? 5433 : port;
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException(
            "conveyor.store.embedded.port must be from 0 to 65535, was " + port);
      }
      dataDir = dataDir == null ? Path.of("data", "postgres") : dataDir;
      database = database == null ? "conveyor" : database;
      if (!database.matches("[a-z_][a-z0-9_]*")) {
        throw new IllegalArgumentException(
            "conveyor.store.embedded.database must be a lower-case identifier, was " + database);
      }
    }
  }
}
