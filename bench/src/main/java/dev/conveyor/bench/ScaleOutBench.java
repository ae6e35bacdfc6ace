package dev.conveyor.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Part 5: scale-out. One standalone Temporal test server process, this process as the client only,
 * and 1, 2 then 3 worker processes serving the same task queue; each round runs the same batch of
 * jobs at once with the simulated model latency. Prints jobs per second, and CPU milliseconds per
 * job of the workers together, of each worker and of the server, read from {@code /proc}. On a
 * 2-core machine more processes cannot add cores: the trend, not the absolute figure, is the point.
 */
public final class ScaleOutBench {

  private static final int MAX_WORKERS = 3;
  private static final int WARMUP_JOBS = 20;

  private ScaleOutBench() {}

  /** Child JVM: the server, then a round per worker count. */
  public static void run(BenchOptions options, ResultTable table) throws Exception {
    // Workers share the job store and the artifact folder, as workers of one deployment do.
    List<String> shared = workerJvmArgs(BenchStore.startMigrated());
    try (ChildJvm.Ready server =
        ChildJvm.startAndAwait("server", List.of("-Xmx2g"), List.of(), "TEMPORAL_TARGET=")) {
      try (ConveyorHarness client = ConveyorHarness.client(server.value())) {
        List<Double> rates = new ArrayList<>();
        for (int workers = 1; workers <= MAX_WORKERS; workers++) {
          rates.add(round(options, table, client, server.jvm(), shared, workers));
        }
        table.add(
            "5",
            "trend: jobs/s with 1, 2, 3 worker processes (relative to 1)",
            rates.stream()
                .map(rate -> String.format("%.1f (%.2fx)", rate, rate / rates.get(0)))
                .collect(Collectors.joining(", ")));
      }
    }
  }

  /** Child JVM: a worker on the server at the target, until the parent stops it. */
  public static void runWorker(BenchOptions options, String target) throws InterruptedException {
    ConveyorHarness.serve(target, WorkerSettings.tuned(options.scaleJobs(), false), options);
  }

  private static double round(
      BenchOptions options,
      ResultTable table,
      ConveyorHarness client,
      ChildJvm server,
      List<String> shared,
      int count)
      throws Exception {
    int jobs = options.scaleJobs();
    List<ChildJvm> workers = new ArrayList<>();
    String target = client.target();
    try {
      for (int i = 0; i < count; i++) {
        workers.add(
            ChildJvm.startAndAwait(
                    "scale-worker",
                    shared,
                    List.of(
                        "--scale-jobs=" + jobs,
                        "--latency=" + options.latency().toMillis() + "ms",
                        target),
                    "WORKER_READY=")
                .jvm());
      }
      // Warm up class loading and the JIT of every worker before the measured batch.
      ConcurrencyBench.awaitAll(ConcurrencyBench.startAll(client, WARMUP_JOBS * count));
      double[] workerCpu = workers.stream().mapToDouble(w -> ProcessCpu.millis(w.pid())).toArray();
      double serverCpu = ProcessCpu.millis(server.pid());
      long started = System.nanoTime();
      long approved = ConcurrencyBench.awaitAll(ConcurrencyBench.startAll(client, jobs));
      double wall = Timing.seconds(System.nanoTime() - started);
      List<String> perWorker = new ArrayList<>();
      double workersTotal = 0;
      for (int i = 0; i < count; i++) {
        double used = ProcessCpu.millis(workers.get(i).pid()) - workerCpu[i];
        workersTotal += used;
        perWorker.add(String.format("%.1f", used / jobs));
      }
      double serverPerJob = (ProcessCpu.millis(server.pid()) - serverCpu) / jobs;
      double rate = jobs / wall;
      table.add(
          "5",
          String.format(
              "%d worker process%s, %d jobs at once, %d ms per model call",
              count, count == 1 ? "" : "es", jobs, options.latency().toMillis()),
          String.format(
              "%.1f jobs/s (wall %.2f s, %d/%d approved); CPU per job: workers %.1f ms (each %s),"
                  + " server %.1f ms",
              rate,
              wall,
              approved,
              jobs,
              workersTotal / jobs,
              String.join(" + ", perWorker),
              serverPerJob));
      return rate;
    } finally {
      workers.forEach(ChildJvm::close);
    }
  }

  /**
   * Returns the JVM options of worker processes that share one job store and one artifact folder,
   * as the workers of one deployment share them.
   */
  static List<String> workerJvmArgs(String storeUrl) throws IOException {
    return List.of(
        "-D" + BenchStore.STORE_URL + "=" + storeUrl,
        "-D"
            + OfflineActivities.ARTIFACTS_DIR
            + "="
            + Files.createTempDirectory("conveyor-bench-artifacts"),
        "-Xmx1g");
  }
}
