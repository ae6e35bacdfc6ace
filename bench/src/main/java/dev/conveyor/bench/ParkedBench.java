package dev.conveyor.bench;

import dev.conveyor.workflow.model.ApprovalPolicy;
import dev.conveyor.workflow.model.Decision;
import dev.conveyor.workflow.model.JobResult;
import dev.conveyor.workflow.model.JobStatus;
import dev.conveyor.workflow.model.Stage;
import io.temporal.client.WorkflowServiceException;
import io.temporal.client.WorkflowStub;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Part 3: many jobs awaiting approval. The Temporal test server runs in a JVM of its own, so this
 * JVM holds the worker (and the client that starts and approves the jobs) only; its heap after GC
 * and its resident memory are measured while the jobs wait, then all are approved.
 */
public final class ParkedBench {

  private ParkedBench() {}

  /** Child JVM: parks the jobs and approves them. */
  public static void run(BenchOptions options, ResultTable table) throws Exception {
    int jobs = options.parkedJobs();
    AtomicReference<String> target = new AtomicReference<>();
    CountDownLatch ready = new CountDownLatch(1);
    try (ChildJvm server =
        ChildJvm.start(
            ChildJvm.currentJava(),
            List.of("-Xmx4g"),
            "server",
            List.of(),
            line -> {
              if (line.startsWith("TEMPORAL_TARGET=")) {
                target.set(line.substring("TEMPORAL_TARGET=".length()));
                ready.countDown();
              }
            })) {
      if (!ready.await(60, TimeUnit.SECONDS)) {
        throw new IllegalStateException("the Temporal server process did not start");
      }
      WorkerSettings settings = WorkerSettings.parked();
      try (ConveyorHarness conveyor =
          ConveyorHarness.remote(target.get(), settings, Duration.ZERO)) {
        long started = System.nanoTime();
        List<WorkflowStub> stubs =
            Timing.onThreads(jobs, 16, i -> conveyor.start(Jobs.request(ApprovalPolicy.ALWAYS)));
        awaitParked(stubs);
        double parkSeconds = Timing.seconds(System.nanoTime() - started);
        double heap = Machine.heapAfterGcMb();
        double rss = Machine.residentMb();
        double serverRss = residentMb(server.pid());
        table.add(
            "3",
            String.format("%d jobs parked (policy ALWAYS); %s", jobs, settings.describe()),
            String.format(
                "all parked after %.1f s (%.0f jobs/s)", parkSeconds, jobs / parkSeconds));
        table.add(
            "3",
            "worker JVM while they wait: heap used after GC, RSS (JDK "
                + Runtime.version().feature()
                + ")",
            String.format(
                "heap %.0f MB, RSS %.0f MB (server process RSS %.0f MB)", heap, rss, serverRss),
            "heap < 512 MB",
            heap < 512);
        long approving = System.nanoTime();
        Timing.onThreads(
            jobs,
            16,
            i -> {
              stubs.get(i).signal("approve", new Decision("bench", null, null));
              return null;
            });
        List<CompletableFuture<JobResult>> results =
            stubs.stream().map(stub -> stub.getResultAsync(JobResult.class)).toList();
        long approved =
            results.stream()
                .map(CompletableFuture::join)
                .filter(r -> r.state() == Stage.APPROVED)
                .count();
        double approveSeconds = Timing.seconds(System.nanoTime() - approving);
        table.add(
            "3",
            "time to approve them all (signals from 16 threads, until every job completed)",
            String.format(
                "%.1f s (%.0f jobs/s), %d/%d approved",
                approveSeconds, jobs / approveSeconds, approved, jobs));
      }
    }
  }

  /**
   * Waits until every job awaits approval; queries from a few threads. A query is a task for the
   * busy worker and may time out while thousands of jobs run: it is asked again.
   */
  static void awaitParked(List<WorkflowStub> stubs) {
    Timing.onThreads(
        stubs.size(),
        4,
        i -> {
          while (true) {
            JobStatus status;
            try {
              status = stubs.get(i).query("status", JobStatus.class);
            } catch (WorkflowServiceException e) {
              sleep(1_000);
              continue;
            }
            if (status.stage() == Stage.AWAITING_APPROVAL) {
              return null;
            }
            if (status.stage().isFinal()) {
              throw new IllegalStateException(
                  "job ended " + status.stage() + ": " + status.reason());
            }
            sleep(200);
          }
        });
  }

  private static double residentMb(long pid) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
        }
      }
    } catch (Exception e) {
      return -1;
    }
    return -1;
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
