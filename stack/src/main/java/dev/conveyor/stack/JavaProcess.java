package dev.conveyor.stack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** A Spring Boot jar or a main class run in its own JVM, its output in a log file. */
public final class JavaProcess implements AutoCloseable {

  /**
   * The JVM options of every process a test starts: the client compiler only and the serial
   * collector. A test's JVM lives for minutes, so it never earns back what C2 compilation and G1's
   * threads cost; with them a worker needs about half the CPU to start (15 s instead of 30 s on the
   * 2-core build machine), and the tests start several of them side by side.
   */
  public static final List<String> TEST_JVM_OPTIONS =
      List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");

  private final String name;
  private final Process process;
  private final Path log;

  private JavaProcess(String name, Process process, Path log) {
    this.name = name;
    this.process = process;
    this.log = log;
  }

  /** Starts {@code java -jar jar args...}, writing its output to {@code logDir/name.log}. */
  public static JavaProcess start(String name, Path jar, Path logDir, List<String> args)
      throws IOException {
    return start(name, jar, logDir, args, Map.of());
  }

  /**
   * Starts {@code java -jar jar args...} with extra environment variables, writing its output to
   * {@code logDir/name.log}.
   */
  public static JavaProcess start(
      String name, Path jar, Path logDir, List<String> args, Map<String, String> environment)
      throws IOException {
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(
          jar + " is missing: build it first (./mvnw package runs the modules in order)");
    }
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx512m");
    command.addAll(TEST_JVM_OPTIONS);
    command.add("-jar");
    command.add(jar.toString());
    command.addAll(args);
    Path log = logDir.resolve(name + ".log");
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    builder.environment().putAll(environment);
    return new JavaProcess(name, builder.start(), log);
  }

  /**
   * Starts {@code java -cp <this JVM's class path> mainClass args...} with the given heap, writing
   * its output to {@code logDir/name.log}.
   */
  public static JavaProcess startMain(
      String name, String mainClass, String maxHeap, Path logDir, List<String> args)
      throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx" + maxHeap);
    command.addAll(TEST_JVM_OPTIONS);
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(mainClass);
    command.addAll(args);
    Path log = logDir.resolve(name + ".log");
    Process process =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
            .start();
    return new JavaProcess(name, process, log);
  }

  /** Kills the JVM with SIGKILL ({@code destroyForcibly} on Unix): no shutdown hook runs. */
  public void kill9() throws InterruptedException {
    process.destroyForcibly();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      throw new IllegalStateException(name + " did not die");
    }
  }

  public boolean alive() {
    return process.isAlive();
  }

  public long pid() {
    return process.pid();
  }

  public String name() {
    return name;
  }

  /** Returns the process's output so far, for failure messages. */
  public String output() {
    try {
      return Files.readString(log);
    } catch (IOException e) {
      return "(no log: " + e + ")";
    }
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      process.destroy();
      if (!process.waitFor(20, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    }
  }
}
