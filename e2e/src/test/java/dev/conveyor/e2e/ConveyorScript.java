package dev.conveyor.e2e;

import dev.conveyor.stack.LocalStack;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The repository's own {@code ./conveyor} script, as the README runs it, with every port on a free
 * loopback port and its data in a folder of its own (through the script's environment variables),
 * so that it runs beside other stacks and tests.
 */
final class ConveyorScript implements AutoCloseable {

  /** The output and exit code of one run of the script. */
  record Result(int exitCode, String output) {}

  private final Path root;
  private final Path data;
  private final Map<String, String> env = new HashMap<>();
  private final int starterPort;
  private final int temporalPort;
  private int runs;

  ConveyorScript(Path data) throws IOException {
    this.root = repositoryRoot();
    this.data = data;
    this.temporalPort = LocalStack.freePort();
    this.starterPort = LocalStack.freePort();
    env.put("CONVEYOR_DATA", data.toString());
    env.put("CONVEYOR_TEMPORAL_PORT", String.valueOf(temporalPort));
    env.put("CONVEYOR_TEMPORAL_UI_PORT", String.valueOf(LocalStack.freePort()));
    env.put("CONVEYOR_STORE_PORT", String.valueOf(LocalStack.freePort()));
    env.put("CONVEYOR_WORKER_PORT", String.valueOf(LocalStack.freePort()));
    env.put("CONVEYOR_STARTER_PORT", String.valueOf(starterPort));
  }

  /** Sets an environment variable of every later run. */
  ConveyorScript env(String name, String value) {
    env.put(name, value);
    return this;
  }

  /** Runs {@code ./conveyor args...} and waits for it, at most the timeout. */
  Result run(Duration timeout, String... args) throws Exception {
    List<String> command = new ArrayList<>();
    command.add("bash");
    command.add(root.resolve("conveyor").toString());
    command.addAll(List.of(args));
    Path output = Files.createDirectories(data.resolve("script")).resolve(++runs + ".out");
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(root.toFile())
            .redirectErrorStream(true)
            .redirectOutput(output.toFile());
    builder.environment().putAll(env);
    Process process = builder.start();
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      throw new AssertionError(
          "./conveyor "
              + String.join(" ", args)
              + " did not end in "
              + timeout
              + ":\n"
              + read(output));
    }
    return new Result(process.exitValue(), read(output));
  }

  /** Runs the script and fails with its output unless it exits with 0. */
  String succeed(Duration timeout, String... args) throws Exception {
    Result result = run(timeout, args);
    if (result.exitCode() != 0) {
      throw new AssertionError(
          "./conveyor "
              + String.join(" ", args)
              + " exited with "
              + result.exitCode()
              + ":\n"
              + result.output());
    }
    return result.output();
  }

  /** Returns the pid in the script's pid file of a process: temporal, worker or starter. */
  long pid(String name) throws IOException {
    String line = Files.readString(data.resolve("run").resolve(name + ".pid")).strip();
    return Long.parseLong(line.split(" ")[0]);
  }

  /** Returns the starter's base URL. */
  String baseUrl() {
    return "http://127.0.0.1:" + starterPort;
  }

  int temporalPort() {
    return temporalPort;
  }

  int port(String variable) {
    return Integer.parseInt(env.get(variable));
  }

  Path data() {
    return data;
  }

  /**
   * Returns the last lines of each of the stack's logs ({@code data/logs/*.log}), so that a failed
   * test shows what the processes said; an unreadable log is named with its error.
   */
  String logTails(int lines) {
    Path logs = data.resolve("logs");
    StringBuilder tails = new StringBuilder();
    try (Stream<Path> files = Files.list(logs)) {
      for (Path log : files.sorted().toList()) {
        List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
        tails.append("==> ").append(log.getFileName()).append(" <==\n");
        all.subList(Math.max(0, all.size() - lines), all.size())
            .forEach(line -> tails.append(line).append('\n'));
      }
    } catch (IOException e) {
      tails.append("cannot read ").append(logs).append(": ").append(e).append('\n');
    }
    return tails.toString();
  }

  /** Returns the repository's root, where the script is. */
  static Path repositoryRoot() {
    String root = System.getProperty("conveyor.root");
    if (root == null) {
      throw new IllegalStateException("system property conveyor.root is not set");
    }
    return Path.of(root).toAbsolutePath().normalize();
  }

  /** Stops whatever the script started. */
  @Override
  public void close() throws Exception {
    run(Duration.ofMinutes(3), "stop");
  }

  private static String read(Path output) throws IOException {
    return Files.readString(output, StandardCharsets.UTF_8);
  }
}
