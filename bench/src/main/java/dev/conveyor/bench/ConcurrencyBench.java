package dev.conveyor.bench;

import dev.conveyor.workflow.model.ApprovalPolicy;
import dev.conveyor.workflow.model.JobResult;
import dev.conveyor.workflow.model.Stage;
import io.temporal.client.WorkflowStub;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Part 2: many jobs at once, each model call taking the simulated latency; the wall time from the
 * first start to the last result against the ideal, {@link Jobs#MODEL_CALLS_PER_JOB} latencies.
 * Runs in a child JVM, so the parent can pick the JDK (virtual threads need 21+).
 */
public final class ConcurrencyBench {

  private ConcurrencyBench() {}

  /**
   * Child JVM: runs the jobs with the named settings ({@code defaults} or {@code tuned}) on
   * platform or virtual threads.
   */
  public static void run(
      BenchOptions options, String settingsName, boolean virtual, ResultTable table) {
    int jobs = options.concurrencyJobs();
    Duration latency = options.latency();
    WorkerSettings settings =
        settingsName.equals("tuned")
            ? WorkerSettings.tuned(jobs, virtual)
            : WorkerSettings.sdkDefaults();
    try (ConveyorHarness conveyor = ConveyorHarness.embedded(settings, latency)) {
      // Warm up class loading and the JIT on a few jobs without latency effects on the timing.
      awaitAll(startAll(conveyor, Math.min(jobs, 20)));
      long started = System.nanoTime();
      List<WorkflowStub> stubs = startAll(conveyor, jobs);
      double startSeconds = Timing.seconds(System.nanoTime() - started);
      long approved = awaitAll(stubs);
      double wall = Timing.seconds(System.nanoTime() - started);
      double ideal = Jobs.MODEL_CALLS_PER_JOB * latency.toMillis() / 1000.0;
      double ratio = wall / ideal;
      table.add(
          "2",
          String.format(
              "%d jobs, %d ms per model call, JDK %s, %s",
              jobs, latency.toMillis(), Runtime.version().feature(), settings.describe()),
          String.format(
              "wall %.2f s vs ideal %.1f s = %.2fx (starting took %.2f s; %d/%d approved)",
              wall, ideal, ratio, startSeconds, approved, jobs),
          "<= " + Targets.WALL_LIMIT + "x ideal",
          ratio <= Targets.WALL_LIMIT && approved == jobs);
    }
  }

  static List<WorkflowStub> startAll(ConveyorHarness conveyor, int jobs) {
    return Timing.onThreads(jobs, 16, i -> conveyor.start(Jobs.request(ApprovalPolicy.NEVER)));
  }

  static long awaitAll(List<WorkflowStub> stubs) {
    List<CompletableFuture<JobResult>> results =
        stubs.stream().map(stub -> stub.getResultAsync(JobResult.class)).toList();
    return results.stream()
        .map(CompletableFuture::join)
        .filter(r -> r.state() == Stage.APPROVED)
        .count();
  }
}
