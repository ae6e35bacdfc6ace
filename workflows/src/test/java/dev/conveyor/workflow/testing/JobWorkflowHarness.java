package dev.conveyor.workflow.testing;

import dev.conveyor.workflow.BundleWorkflow;
import dev.conveyor.workflow.BundleWorkflowImpl;
import dev.conveyor.workflow.JobSearchAttributes;
import dev.conveyor.workflow.JobWorkflow;
import dev.conveyor.workflow.JobWorkflowImpl;
import dev.conveyor.workflow.evaluation.EvaluationWorkflowImpl;
import dev.conveyor.workflow.model.BundleRequest;
import dev.conveyor.workflow.model.BundleStatus;
import dev.conveyor.workflow.model.JobRequest;
import dev.conveyor.workflow.model.JobResult;
import dev.conveyor.workflow.model.JobStatus;
import dev.conveyor.workflow.model.Stage;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionDescription;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.common.SearchAttributeKey;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkflowImplementationOptions;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * A time-skipping test environment running the real {@link JobWorkflowImpl} and {@link
 * BundleWorkflowImpl} with the custom search attributes it upserts. Register the activities with
 * {@link #start(Object)}, then submit jobs and drive them. Close it after each test.
 */
public final class JobWorkflowHarness implements AutoCloseable {

  /** The task queue of the test worker. */
  public static final String TASK_QUEUE = "conveyor-test";

  /** How long {@link #awaitStatus} waits, in real time, before it gives up. */
  private static final Duration PATIENCE = Duration.ofSeconds(20);

  private final TestWorkflowEnvironment env;
  private final Worker worker;
  private final AtomicInteger jobs = new AtomicInteger();

  /** Creates the environment and a worker for {@link JobWorkflowImpl} and evaluations. */
  public JobWorkflowHarness() {
    this(TestEnvironmentOptions.getDefaultInstance());
  }

  /** Creates the environment with options, for example a metrics scope, and the worker. */
  public JobWorkflowHarness(TestEnvironmentOptions options) {
    this(options, WorkflowImplementationOptions.getDefaultInstance());
  }

  /** Creates the environment and a worker that registers the workflow with the given options. */
  public JobWorkflowHarness(WorkflowImplementationOptions workflowOptions) {
    this(TestEnvironmentOptions.getDefaultInstance(), workflowOptions);
  }

  private JobWorkflowHarness(
      TestEnvironmentOptions options, WorkflowImplementationOptions workflowOptions) {
    env = TestWorkflowEnvironment.newInstance(options);
    for (SearchAttributeKey<String> key : JobSearchAttributes.ALL) {
      env.registerSearchAttribute(key.getName(), IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD);
    }
    worker = env.newWorker(TASK_QUEUE);
    worker.registerWorkflowImplementationTypes(
        workflowOptions,
        JobWorkflowImpl.class,
        BundleWorkflowImpl.class,
        EvaluationWorkflowImpl.class);
  }

  /** Registers the activity implementations and starts the worker. */
  public JobWorkflowHarness start(Object activities) {
    worker.registerActivitiesImplementations(activities);
    env.start();
    return this;
  }

  /** Returns the test environment. */
  public TestWorkflowEnvironment env() {
    return env;
  }

  /** Returns the client of the test environment. */
  public WorkflowClient client() {
    return env.getWorkflowClient();
  }

  /** Returns the test environment's clock. */
  public Instant now() {
    return Instant.ofEpochMilli(env.currentTimeMillis());
  }

  /** Starts a job with a generated workflow id and returns its stub. */
  public JobWorkflow submit(JobRequest request) {
    return submit("job-" + jobs.incrementAndGet(), request);
  }

  /** Starts a job with the given workflow id and returns its stub. */
  public JobWorkflow submit(String workflowId, JobRequest request) {
    JobWorkflow job = stub(workflowId);
    WorkflowClient.start(job::run, request);
    return job;
  }

  /** Returns a stub of a job that may or may not run yet. */
  public JobWorkflow stub(String workflowId) {
    return client()
        .newWorkflowStub(
            JobWorkflow.class,
            WorkflowOptions.newBuilder()
                .setWorkflowId(workflowId)
                .setTaskQueue(TASK_QUEUE)
                .build());
  }

  /** Returns a stub of a job that was started, for example by a bundle. */
  public JobWorkflow started(String workflowId) {
    return client().newWorkflowStub(JobWorkflow.class, workflowId);
  }

  /** Waits for the job's result; time skips while it waits. */
  public JobResult result(JobWorkflow job) {
    return WorkflowStub.fromTyped(job).getResult(JobResult.class);
  }

  /** Asks the job to cancel. */
  public void cancel(JobWorkflow job) {
    WorkflowStub.fromTyped(job).cancel();
  }

  /** Asks the bundle to cancel. */
  public void cancel(BundleWorkflow bundle) {
    WorkflowStub.fromTyped(bundle).cancel();
  }

  /** Returns the job's execution. */
  public WorkflowExecution execution(JobWorkflow job) {
    return WorkflowStub.fromTyped(job).getExecution();
  }

  /** Returns the job's history. */
  public WorkflowExecutionHistory history(JobWorkflow job) {
    return client().fetchHistory(execution(job).getWorkflowId(), execution(job).getRunId());
  }

  /** Returns the server's description of the job: its Temporal status and search attributes. */
  public WorkflowExecutionDescription describe(JobWorkflow job) {
    return WorkflowStub.fromTyped(job).describe();
  }

  /** Returns the value of one of the job's search attributes, null when it is not set. */
  public String searchAttribute(JobWorkflow job, SearchAttributeKey<String> key) {
    return describe(job).getTypedSearchAttributes().get(key);
  }

  /** Returns the type of the job's last history event, for example a completed workflow. */
  public EventType lastEvent(JobWorkflow job) {
    return history(job).getLastEvent().getEventType();
  }

  /** Waits, without skipping time, until the job reaches the stage; returns its status then. */
  public JobStatus awaitStage(JobWorkflow job, Stage stage) {
    return awaitStatus(job, status -> status.stage() == stage, "stage " + stage);
  }

  /**
   * Polls the {@code status} query until the condition holds. This only waits for the worker to
   * catch up; it never lets workflow time pass, so no assertion depends on it.
   */
  public JobStatus awaitStatus(JobWorkflow job, Predicate<JobStatus> condition, String what) {
    return poll(job::status, condition, "job never reached " + what);
  }

  /** Starts a bundle with the given workflow id and returns its stub. */
  public BundleWorkflow submitBundle(String workflowId, BundleRequest request) {
    BundleWorkflow bundle = bundleStub(workflowId);
    WorkflowClient.start(bundle::run, request);
    return bundle;
  }

  /** Returns a stub of a bundle that may or may not run yet. */
  public BundleWorkflow bundleStub(String workflowId) {
    return client()
        .newWorkflowStub(
            BundleWorkflow.class,
            WorkflowOptions.newBuilder()
                .setWorkflowId(workflowId)
                .setTaskQueue(TASK_QUEUE)
                .build());
  }

  /** Waits for the bundle's result; time skips while it waits. */
  public BundleStatus result(BundleWorkflow bundle) {
    return WorkflowStub.fromTyped(bundle).getResult(BundleStatus.class);
  }

  /** Polls the bundle's {@code status} query until the condition holds, without skipping time. */
  public BundleStatus awaitBundle(
      BundleWorkflow bundle, Predicate<BundleStatus> condition, String what) {
    return poll(bundle::status, condition, "bundle never reached " + what);
  }

  private static <T> T poll(Supplier<T> query, Predicate<T> condition, String failure) {
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    T status = query.get();
    while (!condition.test(status)) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError(failure + "; last status: " + status);
      }
      pause();
      status = query.get();
    }
    return status;
  }

  @Override
  public void close() {
    env.close();
  }

  private static void pause() {
    try {
      Thread.sleep(10);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
