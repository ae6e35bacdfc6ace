package dev.conveyor.starter.jobs;

import static org.awaitility.Awaitility.await;

import dev.conveyor.workflow.JobDataConverter;
import dev.conveyor.workflow.JobSearchAttributes;
import dev.conveyor.workflow.JobWorkflowImpl;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.api.operatorservice.v1.AddSearchAttributesRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.serviceclient.OperatorServiceStubs;
import io.temporal.serviceclient.OperatorServiceStubsOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.testserver.TestServer;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import io.temporal.worker.WorkerOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A Temporal test server on a fixed free port that a test can stop and start again (empty, as an
 * in-memory server restarts), and a worker running the real workflow that a test can stop and start
 * again. The worker uses no sticky queue, so a new worker takes over a stopped one's jobs.
 */
final class RestartableTemporal implements AutoCloseable {

  private final int port;
  private final Object activities;
  private final String taskQueue;
  private TestServer.PortBoundTestServer server;
  private WorkerFactory workers;
  private WorkflowServiceStubs workerStubs;

  RestartableTemporal(Object activities, String taskQueue) {
    this.port = freePort();
    this.activities = activities;
    this.taskQueue = taskQueue;
  }

  String target() {
    return "127.0.0.1:" + port;
  }

  /** Starts an empty server with the job search attributes, retrying while the port is freed. */
  void startServer() {
    await()
        .atMost(Duration.ofSeconds(30))
        .ignoreExceptions()
        .until(
            () -> {
              server = TestServer.createPortBoundServer(port, true);
              return true;
            });
    OperatorServiceStubs operator =
        OperatorServiceStubs.newServiceStubs(
            OperatorServiceStubsOptions.newBuilder()
                .setTarget(target())
                .validateAndBuildWithDefaults());
    try {
      AddSearchAttributesRequest.Builder request =
          AddSearchAttributesRequest.newBuilder().setNamespace("default");
      JobSearchAttributes.ALL.forEach(
          key ->
              request.putSearchAttributes(
                  key.getName(), IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD));
      operator.blockingStub().addSearchAttributes(request.build());
    } finally {
      operator.shutdownNow();
    }
  }

  /** Stops the server: every workflow it held is gone. */
  void stopServer() {
    if (server != null) {
      server.close();
      server = null;
    }
  }

  void startWorker() {
    workerStubs =
        WorkflowServiceStubs.newServiceStubs(
            WorkflowServiceStubsOptions.newBuilder().setTarget(target()).build());
    WorkflowClient client =
        WorkflowClient.newInstance(
            workerStubs,
            WorkflowClientOptions.newBuilder()
                .setNamespace("default")
                .setDataConverter(JobDataConverter.create())
                .build());
    workers = WorkerFactory.newInstance(client);
    Worker worker =
        workers.newWorker(
            taskQueue,
            WorkerOptions.newBuilder().setStickyQueueScheduleToStartTimeout(Duration.ZERO).build());
    worker.registerWorkflowImplementationTypes(JobWorkflowImpl.class);
    worker.registerActivitiesImplementations(activities);
    workers.start();
  }

  void stopWorker() {
    if (workers != null) {
      workers.shutdownNow();
      workers.awaitTermination(10, TimeUnit.SECONDS);
      workerStubs.shutdownNow();
      workers = null;
    }
  }

  @Override
  public void close() {
    stopWorker();
    stopServer();
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
