package dev.conveyor.worker.store;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds and stops a PostgreSQL left running on a data folder by a worker that was killed (SIGKILL
 * runs no shutdown hook, and PostgreSQL runs as its own process). The process is the one whose pid
 * is the first line of the folder's {@code postmaster.pid}, and only if {@code /proc} shows it is a
 * {@code postgres} serving that very folder; nothing is ever looked up by name. It is stopped with
 * SIGINT (PostgreSQL's fast shutdown: open connections are closed, the data is consistent).
 */
final class OrphanPostgres {

  private static final Logger log = LoggerFactory.getLogger(OrphanPostgres.class);

  /** How long a fast shutdown may take before the process is killed. */
  private static final long SHUTDOWN_SECONDS = 30;

  private final Path dataDir;
  private final Path proc;

  /**
   * @param dataDir the PostgreSQL data folder
   * @param proc the process file system, {@code /proc} on Linux
   */
  OrphanPostgres(Path dataDir, Path proc) {
    this.dataDir = dataDir.toAbsolutePath().normalize();
    this.proc = proc;
  }

  /** Returns the orphan serving the data folder, if one runs. */
  Optional<ProcessHandle> find() {
    Path pidFile = dataDir.resolve("postmaster.pid");
    if (!Files.isRegularFile(pidFile)) {
      return Optional.empty();
    }
    long pid;
    try {
      List<String> lines = Files.readAllLines(pidFile, StandardCharsets.UTF_8);
      if (lines.isEmpty()) {
        return Optional.empty();
      }
      pid = Long.parseLong(lines.get(0).strip());
    } catch (IOException | NumberFormatException e) {
      return Optional.empty();
    }
    if (pid == ProcessHandle.current().pid() || !servesDataDir(pid)) {
      return Optional.empty();
    }
    return ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
  }

  /**
   * Stops the orphan serving the data folder, if any, and returns whether there was one.
   *
   * @throws IllegalStateException when it outlives both the fast shutdown and SIGKILL
   */
  boolean stop() {
    Optional<ProcessHandle> orphan = find();
    if (orphan.isEmpty()) {
      return false;
    }
    ProcessHandle process = orphan.get();
    log.warn(
        "A PostgreSQL (pid {}) left running by an earlier worker still serves {}: stopping it",
        process.pid(),
        dataDir);
    signal(process.pid(), "INT");
    if (!awaitExit(process, SHUTDOWN_SECONDS)) {
      log.warn("PostgreSQL pid {} ignored the fast shutdown: killing it", process.pid());
      process.destroyForcibly();
      if (!awaitExit(process, SHUTDOWN_SECONDS)) {
        throw new IllegalStateException(
            "the PostgreSQL (pid " + process.pid() + ") serving " + dataDir + " does not stop");
      }
    }
    return true;
  }

  /** Whether the process is a {@code postgres} whose data folder (its working folder) is ours. */
  private boolean servesDataDir(long pid) {
    Path process = proc.resolve(Long.toString(pid));
    try {
      String[] command =
          new String(Files.readAllBytes(process.resolve("cmdline")), StandardCharsets.UTF_8)
              .split("\0");
      if (command.length == 0 || !Path.of(command[0]).getFileName().toString().equals("postgres")) {
        return false;
      }
      Path realDataDir = dataDir.toRealPath();
      return Files.readSymbolicLink(process.resolve("cwd")).equals(realDataDir)
          || List.of(command).contains(dataDir.toString())
          || List.of(command).contains(realDataDir.toString());
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  private static void signal(long pid, String signal) {
    try {
      Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).start();
      kill.waitFor(10, TimeUnit.SECONDS);
    } catch (IOException e) {
      log.warn("cannot send SIG{} to {}: {}", signal, pid, e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static boolean awaitExit(ProcessHandle process, long seconds) {
    try {
      process.onExit().get(seconds, TimeUnit.SECONDS);
      return true;
    } catch (java.util.concurrent.TimeoutException e) {
      return !process.isAlive();
    } catch (java.util.concurrent.ExecutionException e) {
      return !process.isAlive();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return !process.isAlive();
    }
  }
}
