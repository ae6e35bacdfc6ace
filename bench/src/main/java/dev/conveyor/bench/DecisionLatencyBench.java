package dev.conveyor.bench;

import dev.conveyor.workflow.model.ApprovalPolicy;
import dev.conveyor.workflow.model.Decision;
import dev.conveyor.workflow.model.DecisionAction;
import dev.conveyor.workflow.model.JobResult;
import dev.conveyor.workflow.model.JobStatus;
import dev.conveyor.workflow.model.ReviewDecision;
import dev.conveyor.workflow.model.Stage;
import io.temporal.client.WorkflowStub;
import java.time.Duration;
import java.util.List;

/**
 * Part 4: from a decision (the {@code approve} signal or the {@code decide} update) to the job's
 * completion as the client sees it, one decision at a time on parked jobs, on the embedded server.
 */
public final class DecisionLatencyBench {

  private DecisionLatencyBench() {}

  /** Child JVM: times the decisions with sticky queues off (the worker's option) and on. */
  public static void run(BenchOptions options, ResultTable table) {
    measure(options.decisions(), WorkerSettings.sdkDefaults(), table);
    measure(options.decisions(), WorkerSettings.tuned(options.decisions(), false), table);
  }

  private static void measure(int decisions, WorkerSettings settings, ResultTable table) {
    try (ConveyorHarness conveyor = ConveyorHarness.embedded(settings, Duration.ZERO)) {
      int warmup = Math.min(20, decisions);
      List<WorkflowStub> stubs =
          Timing.onThreads(
              warmup + 2 * decisions, 8, i -> conveyor.start(Jobs.request(ApprovalPolicy.ALWAYS)));
      ParkedBench.awaitParked(stubs);
      for (int i = 0; i < warmup; i++) {
        signalled(stubs.get(i));
      }
      long[] signals = new long[decisions];
      long[] updates = new long[decisions];
      for (int i = 0; i < decisions; i++) {
        signals[i] = signalled(stubs.get(warmup + 2 * i));
        updates[i] = updated(stubs.get(warmup + 2 * i + 1));
      }
      String sticky = settings.sticky() ? "sticky on" : "sticky off (worker's option)";
      row(table, "signal approve -> job completed, " + sticky, Percentiles.of(signals));
      row(table, "update decide -> job completed, " + sticky, Percentiles.of(updates));
    }
  }

  private static void row(ResultTable table, String name, Percentiles latency) {
    table.add(
        "4",
        name + " (" + latency.count() + " decisions)",
        String.format(
            "p50 %.1f ms, p99 %.1f ms, max %.1f ms",
            latency.millis(50), latency.millis(99), latency.maxMillis()),
        "p99 < 100 ms",
        latency.millis(99) < 100);
  }

  private static long signalled(WorkflowStub stub) {
    long started = System.nanoTime();
    stub.signal("approve", new Decision("bench", null, null));
    return completed(stub, started);
  }

  private static long updated(WorkflowStub stub) {
    long started = System.nanoTime();
    stub.update(
        "decide", JobStatus.class, new ReviewDecision(DecisionAction.APPROVE, "bench", null, null));
    return completed(stub, started);
  }

  private static long completed(WorkflowStub stub, long started) {
    JobResult result = stub.getResult(JobResult.class);
    long nanos = System.nanoTime() - started;
    if (result.state() != Stage.APPROVED) {
      throw new IllegalStateException("job ended " + result.state());
    }
    return nanos;
  }
}
