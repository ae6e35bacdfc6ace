package dev.conveyor.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conveyor.workflow.JobSearchAttributes;
import io.temporal.common.SearchAttributeKey;
import java.io.File;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code ./conveyor} script's own choices, without starting a stack: its help, which Temporal
 * it runs (the temporal CLI's dev server when a {@code temporal} command is on the PATH, else the
 * Java test server) and the command it runs, and the one line it prints when the Temporal port is
 * held by something else. The real temporal CLI is not installable here: a stand-in on the PATH
 * records the arguments it is given and serves nothing.
 */
class ConveyorScriptTests {

  private static final Duration QUICK = Duration.ofMinutes(2);

  @TempDir Path dir;

  @Test
  void should_print_every_line_of_its_header_as_help() throws Exception {
    // given
    List<String> header = new ArrayList<>();
    for (String line : Files.readAllLines(ConveyorScript.repositoryRoot().resolve("conveyor"))) {
      if (line.startsWith("#!")) {
        continue;
      }
      if (!line.startsWith("#")) {
        break;
      }
      header.add(line.replaceFirst("^# ?", ""));
    }

    // when
    String help = script().succeed(QUICK, "help");

    // then
    assertThat(header).hasSizeGreaterThan(10);
    assertThat(help.lines().toList()).containsSubsequence(header);
    assertThat(help).contains("CONVEYOR_WORKER_PORT [8081], CONVEYOR_DATA [data]");
  }

  @Test
  void should_run_the_temporal_cli_dev_server_when_temporal_is_on_the_path() throws Exception {
    // given
    Path recorded = dir.resolve("temporal-args.txt");
    ConveyorScript script = script().env("PATH", standIn(recorded) + File.pathSeparator + path());

    // when
    String printed = script.succeed(QUICK, "print-temporal-command");

    // then
    assertThat(printed.lines().findFirst()).contains("mode: cli");
    assertThat(printed.lines().skip(1).findFirst().orElseThrow().strip())
        .isEqualTo(String.join(" ", cliCommand(script)));
  }

  @Test
  void should_start_the_temporal_cli_with_its_database_under_data_and_conveyor_search_attributes()
      throws Exception {
    // given: a stand-in temporal that records its arguments and exits without serving
    Path recorded = dir.resolve("temporal-args.txt");
    ConveyorScript script = script().env("PATH", standIn(recorded) + File.pathSeparator + path());

    // when
    ConveyorScript.Result up = script.run(QUICK, "up");

    // then: it ran exactly the dev server command, reported its exit, and started nothing else
    assertThat(up.exitCode()).as(up.output()).isEqualTo(1);
    assertThat(up.output()).contains("conveyor: temporal exited during start-up");
    List<String> expected = cliCommand(script);
    assertThat(Files.readAllLines(recorded)).isEqualTo(expected.subList(1, expected.size()));
    assertThat(script.data().resolve("run").resolve("worker.pid")).doesNotExist();
    assertThat(script.data().resolve("run").resolve("temporal.pid")).doesNotExist();
  }

  @Test
  void should_run_the_java_test_server_when_told_to_or_when_no_temporal_is_on_the_path()
      throws Exception {
    // given
    Path recorded = dir.resolve("temporal-args.txt");
    ConveyorScript forced =
        script()
            .env("PATH", standIn(recorded) + File.pathSeparator + path())
            .env("CONVEYOR_TEMPORAL", "test-server");
    ConveyorScript withoutCli =
        script().env("PATH", path()).env("CONVEYOR_JAVA_OPTS", "-Xmx768m -XX:+UseSerialGC");

    for (ConveyorScript script : List.of(forced, withoutCli)) {
      // when
      String printed = script.succeed(QUICK, "print-temporal-command");

      // then
      assertThat(printed.lines().findFirst()).contains("mode: test-server");
      assertThat(printed)
          .contains("-Dloader.main=dev.conveyor.worker.temporal.EmbeddedTemporalServer")
          .contains(" 127.0.0.1 " + script.temporalPort() + " ");
    }
    assertThat(withoutCli.succeed(QUICK, "print-temporal-command"))
        .contains("java -Xmx512m -Xmx768m -XX:+UseSerialGC -cp ");
    assertThat(forced.succeed(QUICK, "print-temporal-command")).contains("java -Xmx512m -cp ");
    assertThat(recorded).doesNotExist();
  }

  @Test
  void should_refuse_in_one_line_a_cli_mode_without_the_cli_or_an_unknown_mode() throws Exception {
    // when
    ConveyorScript.Result noCli =
        script()
            .env("PATH", path())
            .env("CONVEYOR_TEMPORAL", "cli")
            .run(QUICK, "print-temporal-command");
    ConveyorScript.Result unknown =
        script().env("CONVEYOR_TEMPORAL", "docker").run(QUICK, "print-temporal-command");

    // then
    assertThat(noCli.exitCode()).isNotZero();
    assertThat(noCli.output().strip())
        .isEqualTo("conveyor: CONVEYOR_TEMPORAL=cli, but there is no temporal command on the PATH");
    assertThat(unknown.exitCode()).isNotZero();
    assertThat(unknown.output().strip())
        .isEqualTo("conveyor: CONVEYOR_TEMPORAL must be cli, test-server or auto, not 'docker'");
  }

  @Test
  void should_say_in_one_line_what_holds_the_temporal_port() throws Exception {
    // given: something that is not a Temporal server listens on the Temporal port
    ConveyorScript script = script().env("CONVEYOR_TEMPORAL", "test-server");
    try (ServerSocket holder =
        new ServerSocket(script.temporalPort(), 50, InetAddress.getLoopbackAddress())) {

      // when
      ConveyorScript.Result up = script.run(QUICK, "up");

      // then
      assertThat(up.exitCode()).isEqualTo(1);
      List<String> lines = up.output().lines().filter(l -> l.startsWith("conveyor:")).toList();
      assertThat(lines).hasSize(1);
      assertThat(lines.get(0))
          .startsWith(
              "conveyor: port "
                  + script.temporalPort()
                  + " (Temporal) is held by pid "
                  + ProcessHandle.current().pid()
                  + " (")
          .endsWith("stop it, or choose another port with CONVEYOR_TEMPORAL_PORT");
      assertThat(script.data().resolve("run").resolve("temporal.pid")).doesNotExist();
    }
  }

  private ConveyorScript script() throws Exception {
    return new ConveyorScript(Files.createTempDirectory(dir, "data"));
  }

  /** The dev server command the script must build, search attributes from the workflow code. */
  private static List<String> cliCommand(ConveyorScript script) throws Exception {
    List<String> command =
        new ArrayList<>(
            List.of(
                "temporal",
                "server",
                "start-dev",
                "--db-filename",
                script.data().toRealPath().resolve("temporal").resolve("temporal.db").toString(),
                "--ip",
                "127.0.0.1",
                "--port",
                String.valueOf(script.temporalPort()),
                "--ui-ip",
                "127.0.0.1",
                "--ui-port",
                String.valueOf(script.port("CONVEYOR_TEMPORAL_UI_PORT")),
                "--namespace",
                "default"));
    for (SearchAttributeKey<String> key : JobSearchAttributes.ALL) {
      command.add("--search-attribute");
      command.add(key.getName() + "=Keyword");
    }
    return command;
  }

  /** A folder holding a {@code temporal} that writes its arguments, one a line, and exits. */
  private Path standIn(Path recorded) throws Exception {
    Path bin = Files.createDirectories(dir.resolve("bin"));
    Path temporal = bin.resolve("temporal");
    Files.writeString(
        temporal, "#!/usr/bin/env bash\nprintf '%s\\n' \"$@\" > '" + recorded + "'\nexit 3\n");
    Files.setPosixFilePermissions(temporal, PosixFilePermissions.fromString("rwxr-xr-x"));
    return bin;
  }

  /** This machine's PATH without any folder that holds a temporal command. */
  private static String path() {
    return Arrays.stream(System.getenv("PATH").split(File.pathSeparator))
        .filter(folder -> !Files.isExecutable(Path.of(folder, "temporal")))
        .collect(Collectors.joining(File.pathSeparator));
  }
}
