package dev.conveyor.bench;

import dev.conveyor.workflow.model.ApprovalPolicy;
import dev.conveyor.workflow.model.JobResult;
import dev.conveyor.workflow.model.Stage;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.History;
import io.temporal.client.WorkflowStub;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;

/**
 * Part 6: where the CPU goes, per process. The Temporal test server in a JVM of its own, one worker
 * JVM with the worker's defaults (the real workflow and offline activities, the job store on), the
 * job store's PostgreSQL as the processes it runs, and this JVM as the client. At each level of
 * jobs in flight it runs a batch and prints the CPU milliseconds per job of each process, read from
 * {@code /proc}, and the history per job read back from the server. With {@code --jfr} each JVM
 * records the level with JFR and the part prints the hottest frames and allocation sites.
 */
public final class ProfileBench {

  private static final int WARMUP_JOBS = 20;
  private static final int HISTORY_SAMPLE = 20;
  private static final int HOT_GROUPS = 10;
  private static final int ALLOCATION_SITES = 5;
  private static final String SERVER = "server";
  private static final String WORKER = "worker";
  private static final String CLIENT = "client";

  private ProfileBench() {}

  /** Returns the jobs run at a level: the level itself, and at least ten per job in flight. */
  static int jobsAt(int level) {
    return Math.max(level, Math.min(100, level * 10));
  }

  /** Child JVM: the store, the server and the worker, then one batch per level. */
  public static void run(BenchOptions options, ResultTable table) throws Exception {
    BenchStore.Started store = BenchStore.startShared();
    try (ChildJvm.Ready server =
            ChildJvm.startAndAwait(SERVER, List.of("-Xmx2g"), List.of(), "TEMPORAL_TARGET=");
        ConveyorHarness client = ConveyorHarness.client(server.value());
        ChildJvm.Ready worker =
            ChildJvm.startAndAwait(
                "profile-worker",
                ScaleOutBench.workerJvmArgs(store.url()),
                List.of("--latency=" + options.latency().toMillis() + "ms", server.value()),
                "WORKER_READY=")) {
      Processes processes = new Processes(server.jvm(), worker.jvm(), store);
      // Warm up class loading and the JIT of every process before the first level.
      windowed(client, WARMUP_JOBS, WARMUP_JOBS);
      table.figure(Targets.IDEAL, Jobs.MODEL_CALLS_PER_JOB * options.latency().toMillis() / 1e3);
      for (int level : options.profileLevels()) {
        level(options, table, client, processes, level);
      }
    }
  }

  /** Child JVM: a worker with the worker's defaults on the server at the target. */
  public static void runWorker(BenchOptions options, String target) throws InterruptedException {
    JfrControl.listenOnStandardInput();
    ConveyorHarness.serve(target, WorkerSettings.workerDefaults(), options);
  }

  private static void level(
      BenchOptions options,
      ResultTable table,
      ConveyorHarness client,
      Processes processes,
      int level)
      throws InterruptedException {
    int jobs = jobsAt(level);
    double[] before = processes.cpu();
    JfrControl clientRecording = new JfrControl();
    if (options.jfr()) {
      processes.server.command(JfrControl.START + jfrFile(level, SERVER));
      processes.worker.command(JfrControl.START + jfrFile(level, WORKER));
      clientRecording.start(jfrFile(level, CLIENT));
    }
    long started = System.nanoTime();
    List<WorkflowStub> stubs = windowed(client, jobs, level);
    double wall = Timing.seconds(System.nanoTime() - started);
    double[] after = processes.cpu();
    if (options.jfr()) {
      processes.server.command(JfrControl.STOP);
      processes.worker.command(JfrControl.STOP);
      clientRecording.stop();
    }
    double[] perJob = new double[before.length];
    for (int i = 0; i < perJob.length; i++) {
      perJob[i] = (after[i] - before[i]) / jobs;
    }
    HistoryShape shape = HistoryShape.of(sample(client, stubs));
    double ideal = Jobs.MODEL_CALLS_PER_JOB * options.latency().toMillis() / 1e3;
    table.add(
        "6",
        String.format(
            "%d in flight (%d jobs, %d ms per model call), worker's defaults, store on",
            level, jobs, options.latency().toMillis()),
        String.format(
            "wall %.2f s (%.2fx ideal per wave); CPU ms per job: worker %.1f, server %.1f, client"
                + " %.1f, postgres %.1f; per job %s",
            wall,
            wall / (ideal * Math.ceil((double) jobs / level)),
            perJob[0],
            perJob[1],
            perJob[2],
            perJob[3],
            shape.describe()));
    table.figure(Targets.WORKER_CPU + level, perJob[0]);
    table.figure(Targets.WALL + level, wall);
    if (options.jfr()) {
      for (String process : List.of(WORKER, SERVER, CLIENT)) {
        JfrSummary summary = JfrSummary.read(jfrFile(level, process));
        String where = level + " in flight, " + process + " JVM";
        table.add("6 jfr", where + ": hottest code", summary.describeCpu(HOT_GROUPS));
        table.add(
            "6 jfr",
            where + ": top allocation sites",
            summary.describeAllocations(ALLOCATION_SITES));
      }
    }
  }

  /** Runs the jobs with at most {@code inFlight} of them running; returns them all, ended. */
  static List<WorkflowStub> windowed(ConveyorHarness client, int jobs, int inFlight) {
    Semaphore slots = new Semaphore(inFlight);
    List<CompletableFuture<JobResult>> results = new ArrayList<>();
    List<WorkflowStub> stubs =
        Timing.onThreads(
            jobs,
            Math.min(16, inFlight),
            i -> {
              slots.acquireUninterruptibly();
              WorkflowStub stub = client.start(Jobs.request(ApprovalPolicy.NEVER));
              CompletableFuture<JobResult> result =
                  stub.getResultAsync(JobResult.class).whenComplete((r, e) -> slots.release());
              synchronized (results) {
                results.add(result);
              }
              return stub;
            });
    long failed =
        results.stream()
            .map(CompletableFuture::join)
            .filter(r -> r.state() != Stage.APPROVED)
            .count();
    if (failed > 0) {
      throw new IllegalStateException(failed + " jobs were not approved: the figures would lie");
    }
    return stubs;
  }

  private static List<History> sample(ConveyorHarness client, List<WorkflowStub> stubs) {
    int step = Math.max(1, stubs.size() / HISTORY_SAMPLE);
    List<History> histories = new ArrayList<>();
    for (int i = 0; i < stubs.size() && histories.size() < HISTORY_SAMPLE; i += step) {
      histories.add(client.history(stubs.get(i).getExecution().getWorkflowId()));
    }
    return histories;
  }

  private static Path jfrFile(int level, String process) {
    return jfrDir().resolve(level + "-" + process + ".jfr");
  }

  /** The {@code jfr} folder beside the benchmark's jar ({@code bench/target/jfr}). */
  static Path jfrDir() {
    String classpath = System.getProperty("java.class.path");
    if (classpath.endsWith(".jar") && !classpath.contains(java.io.File.pathSeparator)) {
      return Path.of(classpath).toAbsolutePath().getParent().resolve("jfr");
    }
    return Path.of("target", "jfr").toAbsolutePath();
  }

  /**
   * What a sample of histories holds per job, on average.
   *
   * @param jobs the histories sampled
   * @param events events per history
   * @param bytes serialized bytes per history
   * @param workflowTasks workflow tasks completed per history
   */
  record HistoryShape(int jobs, double events, double bytes, double workflowTasks) {

    static HistoryShape of(List<History> histories) {
      double events = 0;
      double bytes = 0;
      double tasks = 0;
      for (History history : histories) {
        events += history.getEventsCount();
        bytes += history.getSerializedSize();
        tasks +=
            history.getEventsList().stream()
                .filter(e -> e.getEventType() == EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED)
                .count();
      }
      int n = Math.max(1, histories.size());
      return new HistoryShape(histories.size(), events / n, bytes / n, tasks / n);
    }

    String describe() {
      return String.format(
          "%.1f history events, %.0f bytes, %.1f workflow tasks (%d sampled)",
          events, bytes, workflowTasks, jobs);
    }
  }

  /** The processes whose CPU a level measures: worker, server, this client, PostgreSQL. */
  private record Processes(ChildJvm server, ChildJvm worker, BenchStore.Started store) {

    /** Returns CPU milliseconds so far of the worker, the server, the client and PostgreSQL. */
    double[] cpu() {
      return new double[] {
        ProcessCpu.millis(worker.pid()),
        ProcessCpu.millis(server.pid()),
        ProcessCpu.millis(ProcessHandle.current().pid()),
        ProcessCpu.treeMillis(store.postmasterPid())
      };
    }
  }
}
