package dev.conveyor.starter.jobs;

import dev.conveyor.client.JobClient;
import io.temporal.client.WorkflowClient;
import io.temporal.serviceclient.RpcRetryOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.time.Duration;

/**
 * A {@link JobClient} for reads that must not hang: every call, a status query included, gets one
 * attempt and a short deadline, so a missing worker or an unreachable Temporal shows within that
 * deadline instead of after the SDK's retries (a query otherwise waits up to ten seconds for a
 * worker). Its stubs share the application's connection settings and are closed with it.
 */
final class ShortDeadlineClient implements AutoCloseable {

  private final WorkflowServiceStubs stubs;
  private final JobClient jobs;

  ShortDeadlineClient(WorkflowClient client, String taskQueue, Duration deadline) {
    WorkflowServiceStubsOptions options =
        WorkflowServiceStubsOptions.newBuilder(client.getWorkflowServiceStubs().getOptions())
            .setRpcTimeout(deadline)
            .setRpcQueryTimeout(deadline)
            .setRpcRetryOptions(RpcRetryOptions.newBuilder().setMaximumAttempts(1).build())
            .build();
    this.stubs = WorkflowServiceStubs.newServiceStubs(options);
    this.jobs = new JobClient(WorkflowClient.newInstance(stubs, client.getOptions()), taskQueue);
  }

  JobClient jobs() {
    return jobs;
  }

  @Override
  public void close() {
    stubs.shutdown();
  }
}
