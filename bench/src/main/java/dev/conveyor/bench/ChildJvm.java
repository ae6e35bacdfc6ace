package dev.conveyor.bench;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/** Runs a part of the benchmark, or the Temporal test server, in a JVM of its own. */
public final class ChildJvm implements AutoCloseable {

  private final Process process;

  private ChildJvm(Process process) {
    this.process = process;
  }

  /** Returns the {@code java} of the running JDK. */
  public static String currentJava() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  /**
   * Starts {@code java [jvmArgs] -cp <this classpath> BenchMain --child=part [args]}; each line the
   * child prints goes to the consumer, on a thread of its own.
   */
  public static ChildJvm start(
      String java, List<String> jvmArgs, String part, List<String> args, Consumer<String> lines) {
    List<String> command = new ArrayList<>();
    command.add(java);
    command.addAll(jvmArgs);
    command.addAll(classpathArgs());
    command.add("--child=" + part);
    command.addAll(args);
    try {
      Process process =
          new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
      Thread reader =
          new Thread(
              () -> {
                try (BufferedReader in =
                    new BufferedReader(
                        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                  for (String line = in.readLine(); line != null; line = in.readLine()) {
                    lines.accept(line);
                  }
                } catch (IOException e) {
                  // The child ended.
                }
              },
              "child-" + part);
      reader.setDaemon(true);
      reader.start();
      return new ChildJvm(process);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + command, e);
    }
  }

  /** Waits for the child to end; returns its exit code. */
  public int waitFor() throws InterruptedException {
    int code = process.waitFor();
    Thread.sleep(100); // Let the reader drain the last lines.
    return code;
  }

  /** Returns the child's process id. */
  public long pid() {
    return process.pid();
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }

  /** The jar when run with {@code java -jar}, else the classpath of this JVM. */
  private static List<String> classpathArgs() {
    String classpath = System.getProperty("java.class.path");
    if (classpath.endsWith(".jar") && !classpath.contains(File.pathSeparator)) {
      return List.of("-jar", classpath);
    }
    return List.of("-cp", classpath, BenchMain.class.getName());
  }
}
