package dev.conveyor.bench;

import com.uber.m3.tally.RootScopeBuilder;
import com.uber.m3.tally.Scope;
import dev.conveyor.client.codec.CodecKeys;
import dev.conveyor.client.codec.ConveyorDataConverter;
import dev.conveyor.worker.temporal.EmbeddedTemporalServer;
import dev.conveyor.workflow.JobWorkflow;
import dev.conveyor.workflow.JobWorkflowImpl;
import dev.conveyor.workflow.model.JobRequest;
import dev.conveyor.workflow.model.JobResult;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.common.reporter.MicrometerClientStatsReporter;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Conveyor on Temporal for a benchmark: the real {@link JobWorkflowImpl} and the real offline
 * activities on a worker built with the given {@link WorkerSettings}, against the embedded test
 * server in this JVM or a server at a given target. SDK metrics go to a meter registry, for the
 * profile of where a job's time goes.
 */
public final class ConveyorHarness implements AutoCloseable {

  private static final String TASK_QUEUE = "conveyor-bench";
  private static final AtomicLong IDS = new AtomicLong();

  private final EmbeddedTemporalServer server;
  private final String target;
  private final WorkflowServiceStubs service;
  private final WorkerFactory factory;
  private final WorkflowClient client;
  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  private final Scope scope;

  private ConveyorHarness(
      EmbeddedTemporalServer server, String target, WorkerSettings settings, Duration latency) {
    this.server = server;
    this.target = target;
    this.scope =
        new RootScopeBuilder()
            .reporter(new MicrometerClientStatsReporter(meters))
            .reportEvery(com.uber.m3.util.Duration.ofMillis(500));
    this.service =
        WorkflowServiceStubs.newServiceStubs(
            WorkflowServiceStubsOptions.newBuilder()
                .setTarget(target)
                .setMetricsScope(scope)
                .build());
    askCapabilities(service);
    // The worker's and the starter's payload converter, without keys as they run by default.
    this.client =
        WorkflowClient.newInstance(
            service,
            WorkflowClientOptions.newBuilder()
                .setDataConverter(ConveyorDataConverter.create(CodecKeys.none()))
                .build());
    if (settings == null) {
      this.factory = null;
      return;
    }
    this.factory = WorkerFactory.newInstance(client, settings.factoryOptions());
    Worker worker = factory.newWorker(TASK_QUEUE, settings.workerOptions());
    worker.registerWorkflowImplementationTypes(JobWorkflowImpl.class);
    worker.registerActivitiesImplementations(OfflineActivities.create(latency).all());
    factory.start();
  }

  /**
   * Asks the server for its capabilities once, now, retrying a few times. The SDK asks lazily, on
   * the first RPC; under heavy load, when that first RPC is one of many concurrent job starts, the
   * ask has failed with "invalid expiration" (its deadline already spent) and failed the start.
   */
  private static void askCapabilities(WorkflowServiceStubs service) {
    for (int attempt = 1; ; attempt++) {
      try {
        service.getServerCapabilities().get();
        return;
      } catch (RuntimeException e) {
        if (attempt == 5) {
          throw e;
        }
      }
    }
  }

  /** Starts an embedded test server in this JVM and a worker on it. */
  public static ConveyorHarness embedded(WorkerSettings settings, Duration latency) {
    EmbeddedTemporalServer server = EmbeddedTemporalServer.start("127.0.0.1", 0);
    return new ConveyorHarness(server, server.target(), settings, latency);
  }

  /** Starts a worker on the server at {@code host:port}, for example one in another process. */
  public static ConveyorHarness remote(String target, WorkerSettings settings, Duration latency) {
    return new ConveyorHarness(null, target, settings, latency);
  }

  /**
   * Runs a worker on the server at {@code host:port} until the parent process stops this one: the
   * body of a worker child JVM. Prints {@code WORKER_READY=<pid>} once it polls.
   */
  static void serve(String target, WorkerSettings settings, BenchOptions options)
      throws InterruptedException {
    try (ConveyorHarness worker = remote(target, settings, options.latency())) {
      System.out.println("WORKER_READY=" + ProcessHandle.current().pid());
      System.out.flush();
      new java.util.concurrent.CountDownLatch(1).await();
    }
  }

  /** Connects a client without a worker to the server at {@code host:port}. */
  public static ConveyorHarness client(String target) {
    return new ConveyorHarness(null, target, null, Duration.ZERO);
  }

  /** Returns the server's {@code host:port}. */
  public String target() {
    return target;
  }

  /** Starts a job and returns its untyped stub. */
  public WorkflowStub start(JobRequest request) {
    WorkflowStub stub =
        client.newUntypedWorkflowStub(
            JobWorkflow.WORKFLOW_TYPE,
            WorkflowOptions.newBuilder()
                .setTaskQueue(TASK_QUEUE)
                .setWorkflowId("bench-" + IDS.incrementAndGet())
                .setWorkflowIdReusePolicy(
                    WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_REJECT_DUPLICATE)
                .build());
    stub.start(request);
    return stub;
  }

  /** Returns a job's history as the server holds it ({@code GetWorkflowExecutionHistory}). */
  public io.temporal.api.history.v1.History history(String workflowId) {
    return client.fetchHistory(workflowId).getHistory();
  }

  /** Waits for a job's result. */
  public static JobResult result(WorkflowStub stub) {
    return stub.getResult(JobResult.class);
  }

  /** Returns the SDK's meters so far; the reporter flushes them every half second. */
  public TemporalProfile.Snapshot snapshot() {
    try {
      Thread.sleep(1_200);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return TemporalProfile.Snapshot.of(meters);
  }

  @Override
  public void close() {
    if (factory != null) {
      factory.shutdownNow();
      factory.awaitTermination(10, java.util.concurrent.TimeUnit.SECONDS);
    }
    service.shutdownNow();
    service.awaitTermination(5, java.util.concurrent.TimeUnit.SECONDS);
    if (server != null) {
      server.close();
    }
  }
}
