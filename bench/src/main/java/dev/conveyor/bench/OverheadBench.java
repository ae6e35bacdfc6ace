package dev.conveyor.bench;

import dev.conveyor.workflow.model.ApprovalPolicy;
import dev.conveyor.workflow.model.JobResult;
import dev.conveyor.workflow.model.Stage;
import io.temporal.client.WorkflowStub;
import java.time.Duration;
import java.util.List;

/**
 * Part 1: the same pipeline on zero-latency offline models as plain calls (1a), as plain calls on
 * the activity implementations (1a'), in LangChain4j's agentic loop (1b) and through Conveyor on
 * the embedded Temporal server (1c, in a child JVM).
 */
public final class OverheadBench {

  private OverheadBench() {}

  /** Runs the in-process rows and returns the plain-call throughput, the others' baseline. */
  public static double runInProcess(BenchOptions options, ResultTable table) {
    int jobs = options.overheadJobs() * 10;
    PlainPipeline plain = new PlainPipeline();
    double baseline = Timing.jobsPerSecond(jobs, jobs, plain::run);
    table.add("1a", "plain Java calls on the offline models (" + jobs + " jobs)", rate(baseline));
    ActivityPipeline activities = new ActivityPipeline(OfflineActivities.create(Duration.ZERO));
    double direct = Timing.jobsPerSecond(jobs / 5, jobs, activities::run);
    table.add(
        "1a'",
        "plain Java calls on the activity implementations, artifact store incl.",
        rate(direct) + ", " + ratio(direct, baseline));
    AgenticPipeline agentic = new AgenticPipeline();
    double loop = Timing.jobsPerSecond(jobs / 5, jobs, agentic::run);
    table.add(
        "1b",
        "LangChain4j agentic: sequence + loop + human-in-the-loop",
        rate(loop) + ", " + ratio(loop, baseline));
    return baseline;
  }

  /** Child JVM: Conveyor on the embedded server, one job at a time and many in flight. */
  public static void runTemporal(BenchOptions options, double baseline, ResultTable table) {
    int jobs = options.overheadJobs();
    sequential(
        "Conveyor on embedded Temporal, one job at a time, worker's options (sticky off)",
        WorkerSettings.sdkDefaults(),
        jobs,
        baseline,
        table,
        false);
    WorkerSettings tuned = WorkerSettings.tuned(64, false);
    sequential(
        "Conveyor on embedded Temporal, one job at a time, sticky on",
        tuned,
        jobs,
        baseline,
        table,
        true);
    try (ConveyorHarness conveyor = ConveyorHarness.embedded(tuned, Duration.ZERO)) {
      inFlight(conveyor, Math.min(jobs, 50), 8);
      long started = System.nanoTime();
      inFlight(conveyor, jobs, 32);
      double rate = jobs / Timing.seconds(System.nanoTime() - started);
      table.add(
          "1c",
          "Conveyor on embedded Temporal, 32 jobs in flight, sticky on",
          rate(rate) + ", " + ratio(rate, baseline));
    }
  }

  private static void sequential(
      String name,
      WorkerSettings settings,
      int jobs,
      double baseline,
      ResultTable table,
      boolean profile) {
    try (ConveyorHarness conveyor = ConveyorHarness.embedded(settings, Duration.ZERO)) {
      Timing.jobsPerSecond(Math.min(jobs, 50), 0, () -> approved(conveyor));
      TemporalProfile.Snapshot before = profile ? conveyor.snapshot() : null;
      double rate = Timing.jobsPerSecond(0, jobs, () -> approved(conveyor));
      double overhead = Timing.millisPerJob(rate) - Timing.millisPerJob(baseline);
      table.add(
          "1c",
          name,
          rate(rate)
              + ", "
              + ratio(rate, baseline)
              + String.format("; overhead %.2f ms/job", overhead));
      if (profile) {
        table.figure(Targets.OVERHEAD, overhead);
        TemporalProfile.Snapshot run = conveyor.snapshot().minus(before);
        table.add(
            "1c",
            "where a job's time goes (SDK meters, run above)",
            TemporalProfile.perJob(run, jobs));
      }
    }
  }

  private static void inFlight(ConveyorHarness conveyor, int jobs, int threads) {
    List<Boolean> passed = Timing.onThreads(jobs, threads, i -> approved(conveyor));
    if (passed.contains(false)) {
      throw new IllegalStateException("a job was not approved");
    }
  }

  private static boolean approved(ConveyorHarness conveyor) {
    WorkflowStub stub = conveyor.start(Jobs.request(ApprovalPolicy.NEVER));
    JobResult result = ConveyorHarness.result(stub);
    return result.state() == Stage.APPROVED;
  }

  static String rate(double jobsPerSecond) {
    return String.format("%.1f jobs/s (%.3f ms/job)", jobsPerSecond, 1000 / jobsPerSecond);
  }

  static String ratio(double rate, double baseline) {
    return String.format("%.4fx of 1a", rate / baseline);
  }
}
