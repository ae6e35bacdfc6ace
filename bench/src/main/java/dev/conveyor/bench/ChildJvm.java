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
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/** Runs a part of the benchmark, or the Temporal test server, in a JVM of its own. */
public final class ChildJvm implements AutoCloseable {

  private final Process process;

  /** Released once for each {@link JfrControl#DONE} line the child prints. */
  private final Semaphore acknowledged;

  private ChildJvm(Process process, Semaphore acknowledged) {
    this.process = process;
    this.acknowledged = acknowledged;
  }

  /**
   * A child process and the value it printed when ready.
   *
   * @param jvm the child
   * @param value what followed the prefix on the line that said it was ready
   */
  public record Ready(ChildJvm jvm, String value) implements AutoCloseable {
    @Override
    public void close() {
      jvm.close();
    }
  }

  /**
   * Starts a child with {@link #start} on the current JDK and waits until it prints a line starting
   * with {@code readyPrefix}; returns it with the rest of that line.
   */
  public static Ready startAndAwait(
      String part, List<String> jvmArgs, List<String> args, String readyPrefix)
      throws InterruptedException {
    AtomicReference<String> value = new AtomicReference<>();
    CountDownLatch ready = new CountDownLatch(1);
    ChildJvm child =
        start(
            currentJava(),
            jvmArgs,
            part,
            args,
            line -> {
              if (line.startsWith(readyPrefix) && value.get() == null) {
                value.set(line.substring(readyPrefix.length()));
                ready.countDown();
              }
            });
    // Generous: on a loaded 2-core machine a JVM has taken minutes to start.
    if (!ready.await(5, TimeUnit.MINUTES)) {
      child.close();
      throw new IllegalStateException("the " + part + " process did not start");
    }
    return new Ready(child, value.get());
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
    Semaphore acknowledged = new Semaphore(0);
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
                    if (line.equals(JfrControl.DONE)) {
                      acknowledged.release();
                    } else {
                      lines.accept(line);
                    }
                  }
                } catch (IOException e) {
                  // The child ended.
                }
              },
              "child-" + part);
      reader.setDaemon(true);
      reader.start();
      return new ChildJvm(process, acknowledged);
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

  /**
   * Sends a {@link JfrControl} command to the child's standard input and waits until the child has
   * carried it out.
   */
  public void command(String line) throws InterruptedException {
    try {
      process.getOutputStream().write((line + "\n").getBytes(StandardCharsets.UTF_8));
      process.getOutputStream().flush();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot reach the child", e);
    }
    if (!acknowledged.tryAcquire(2, TimeUnit.MINUTES)) {
      throw new IllegalStateException("the child did not carry out " + line);
    }
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
