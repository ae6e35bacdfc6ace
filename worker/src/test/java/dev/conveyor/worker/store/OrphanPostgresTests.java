package dev.conveyor.worker.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A worker killed with SIGKILL leaves its PostgreSQL running on its port; the next start on the
 * same data folder stops that orphan by itself and starts on the same port.
 */
class OrphanPostgresTests {

  private static final Path PROC = Path.of("/proc");

  @TempDir Path dir;

  @Test
  void should_stop_the_postgres_a_killed_worker_left_and_start_on_its_port() throws Exception {
    // given: a JVM that started PostgreSQL, killed with SIGKILL
    Path data = dir.resolve("pg");
    Process holder =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                PostgresHolder.class.getName(),
                data.toString())
            .redirectErrorStream(true)
            .start();
    int port = awaitPort(holder);
    holder.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    ProcessHandle orphan = new OrphanPostgres(data, PROC).find().orElseThrow();
    assertThat(orphan.isAlive()).isTrue();

    // when
    try (EmbeddedPostgresServer second =
        EmbeddedPostgresServer.start("127.0.0.1", port, data, "conveyor")) {

      // then
      assertThat(orphan.isAlive()).isFalse();
      assertThat(second.port()).isEqualTo(port);
      assertThat(firstLine(data.resolve("postmaster.pid"))).isNotEqualTo(orphan.pid() + "");
      assertThat(selectOne(second)).isEqualTo(1);
    }
  }

  @Test
  void should_leave_alone_a_process_whose_pid_is_in_the_file_but_serves_no_postgres()
      throws Exception {
    // given: a stale postmaster.pid naming a live process that is not PostgreSQL (this JVM's
    // parent, which must never be touched)
    Path data = Files.createDirectories(dir.resolve("stale"));
    long parent = ProcessHandle.current().parent().orElseThrow().pid();
    Files.writeString(data.resolve("postmaster.pid"), parent + "\n" + data + "\n");

    // when / then
    assertThat(new OrphanPostgres(data, PROC).find()).isEmpty();
    assertThat(new OrphanPostgres(data, PROC).stop()).isFalse();
    assertThat(ProcessHandle.of(parent).map(ProcessHandle::isAlive)).contains(true);
  }

  private static int awaitPort(Process holder) throws Exception {
    BufferedReader out =
        new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8));
    StringBuilder seen = new StringBuilder();
    for (String line = out.readLine(); line != null; line = out.readLine()) {
      if (line.startsWith("PORT=")) {
        return Integer.parseInt(line.substring("PORT=".length()));
      }
      seen.append(line).append('\n');
    }
    throw new AssertionError("the holder JVM exited before PostgreSQL started:\n" + seen);
  }

  private static String firstLine(Path file) throws Exception {
    return Files.readAllLines(file).get(0).strip();
  }

  private static int selectOne(EmbeddedPostgresServer server) throws Exception {
    PGSimpleDataSource dataSource = new PGSimpleDataSource();
    dataSource.setURL(server.jdbcUrl());
    dataSource.setUser(EmbeddedPostgresServer.USER);
    try (Connection connection = dataSource.getConnection();
        ResultSet row = connection.createStatement().executeQuery("SELECT 1")) {
      row.next();
      return row.getInt(1);
    }
  }
}
