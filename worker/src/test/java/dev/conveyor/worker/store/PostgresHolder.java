package dev.conveyor.worker.store;

import java.nio.file.Path;

/**
 * A JVM that starts the embedded PostgreSQL on {@code args[0]} (data folder) and waits to be
 * killed, standing in for a worker in {@link OrphanPostgresTests}.
 */
final class PostgresHolder {

  private PostgresHolder() {}

  public static void main(String[] args) throws Exception {
    EmbeddedPostgresServer server =
        EmbeddedPostgresServer.start("127.0.0.1", 0, Path.of(args[0]), "conveyor");
    System.out.println("PORT=" + server.port());
    System.out.flush();
    Thread.sleep(Long.MAX_VALUE);
  }
}
