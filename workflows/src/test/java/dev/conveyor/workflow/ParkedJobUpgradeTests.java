package dev.conveyor.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conveyor.workflow.activity.ActivityErrors;
import dev.conveyor.workflow.activity.GenerationRequest;
import dev.conveyor.workflow.activity.StepResult;
import dev.conveyor.workflow.model.ApprovalReason;
import dev.conveyor.workflow.model.Decision;
import dev.conveyor.workflow.model.JobResult;
import dev.conveyor.workflow.model.JobStatus;
import dev.conveyor.workflow.model.Stage;
import dev.conveyor.workflow.testing.ScriptedActivities;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.common.SearchAttributeKey;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.WorkflowReplayer;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import io.temporal.worker.WorkerOptions;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * Jobs parked in AWAITING_APPROVAL while the workflow changes: the procedure of {@code
 * docs/evolving-workflows.md}, checked on the real change {@link
 * JobVersions#MODELS_EXHAUSTED_TO_HUMAN}.
 */
class ParkedJobUpgradeTests {

  /** Recorded by {@link ParkedHistoryRecorder} at commit 6d0b28d, before the change. */
  static final String PARKED_BEFORE_CHANGE =
      "/histories/parked-before-models-exhausted-to-human.json";

  private static final String TASK_QUEUE = "conveyor-upgrade";

  @Test
  void should_replay_a_job_parked_under_the_code_before_the_change_and_find_it_still_parked()
      throws Exception {
    // given: a job that was waiting for a reviewer when the change was deployed
    String json =
        new String(
            ParkedJobUpgradeTests.class.getResourceAsStream(PARKED_BEFORE_CHANGE).readAllBytes(),
            StandardCharsets.UTF_8);
    WorkflowExecutionHistory history = WorkflowExecutionHistory.fromJson(json);
    List<HistoryEvent> events = history.getEvents();

    // then: it is open, parked, and carries no version marker of the change
    assertThat(events).noneMatch(e -> isClosing(e.getEventType()));
    assertThat(events).noneMatch(e -> e.getEventType() == EventType.EVENT_TYPE_MARKER_RECORDED);
    assertThat(
            events.stream()
                .filter(e -> e.hasUpsertWorkflowSearchAttributesEventAttributes())
                .map(
                    e ->
                        e.getUpsertWorkflowSearchAttributesEventAttributes()
                            .getSearchAttributes()
                            .getIndexedFieldsMap()
                            .get(JobSearchAttributes.STAGE.getName()))
                .filter(Objects::nonNull)
                .reduce((first, second) -> second)
                .orElseThrow()
                .getData()
                .toStringUtf8())
        .isEqualTo("\"AWAITING_APPROVAL\"");
    assertThat(history.getLastEvent().getEventType())
        .as("the approval timeout's durable timer")
        .isEqualTo(EventType.EVENT_TYPE_TIMER_STARTED);

    // when, then: the current code replays it to the same point without a non-determinism error
    WorkflowReplayer.replayWorkflowExecution(history, JobWorkflowImpl.class);
  }

  /**
   * A job parks on one worker; that worker stops and a new one takes over (as in a deployment). The
   * reviewer asks for a new revision, whose models all fail: the new worker replays the parked
   * history, reaches the changed code for the first time after the swap, records version 1 of the
   * change and sends the job back to the reviewer instead of failing it. The job then finishes
   * APPROVED, and its whole history replays.
   */
  @Test
  void should_finish_a_parked_job_on_a_new_worker_taking_the_new_branch_after_the_swap()
      throws Exception {
    TestWorkflowEnvironment env =
        TestWorkflowEnvironment.newInstance(
            TestEnvironmentOptions.newBuilder().setUseTimeskipping(false).build());
    try {
      for (SearchAttributeKey<String> key : JobSearchAttributes.ALL) {
        env.registerSearchAttribute(key.getName(), IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD);
      }
      // given: a job parked for approval on the first worker
      WorkerFactory before = startWorker(env, new ScriptedActivities());
      JobWorkflow job =
          env.getWorkflowClient()
              .newWorkflowStub(
                  JobWorkflow.class,
                  WorkflowOptions.newBuilder()
                      .setWorkflowId("job-upgrade")
                      .setTaskQueue(TASK_QUEUE)
                      .build());
      WorkflowClient.start(job::run, JobRequests.text());
      awaitStatus(job, s -> s.stage() == Stage.AWAITING_APPROVAL);

      // when: the first worker goes away and a new one, whose text models now fail, takes over
      before.shutdownNow();
      before.awaitTermination(10, TimeUnit.SECONDS);
      startWorker(env, new ExhaustedAfterFirstRevision());
      job.reject(new Decision("bob", "try again", true));
      JobStatus back =
          awaitStatus(job, s -> s.stage() == Stage.AWAITING_APPROVAL && s.revision() == 1);
      job.approve(new Decision("alice", "the first one was fine", null));
      JobResult result = WorkflowStub.fromTyped(job).getResult(JobResult.class);

      // then
      assertThat(back.awaiting().reason()).isEqualTo(ApprovalReason.MODELS_EXHAUSTED);
      assertThat(result.state()).isEqualTo(Stage.APPROVED);
      assertThat(result.output()).isEqualTo(back.output());
      WorkflowExecutionHistory history = env.getWorkflowClient().fetchHistory("job-upgrade");
      List<HistoryEvent> events = history.getEvents();
      List<Long> changeMarkers =
          events.stream()
              .filter(e -> e.getEventType() == EventType.EVENT_TYPE_MARKER_RECORDED)
              .filter(e -> e.toString().contains(JobVersions.MODELS_EXHAUSTED_TO_HUMAN))
              .map(HistoryEvent::getEventId)
              .toList();
      long rejection =
          events.stream()
              .filter(e -> e.getEventType() == EventType.EVENT_TYPE_WORKFLOW_EXECUTION_SIGNALED)
              .findFirst()
              .orElseThrow()
              .getEventId();
      assertThat(changeMarkers)
          .as("the change's version is recorded once, by the new worker, after the swap")
          .singleElement()
          .satisfies(id -> assertThat(id).isGreaterThan(rejection));
      WorkflowReplayer.replayWorkflowExecution(history, JobWorkflowImpl.class);
    } finally {
      env.close();
    }
  }

  /** Starts a worker of its own, without sticky queues, so another can take over its jobs. */
  private static WorkerFactory startWorker(TestWorkflowEnvironment env, Object activities) {
    WorkerFactory factory = WorkerFactory.newInstance(env.getWorkflowClient());
    Worker worker =
        factory.newWorker(
            TASK_QUEUE,
            WorkerOptions.newBuilder().setStickyQueueScheduleToStartTimeout(Duration.ZERO).build());
    worker.registerWorkflowImplementationTypes(JobWorkflowImpl.class);
    worker.registerActivitiesImplementations(activities);
    factory.start();
    return factory;
  }

  private static JobStatus awaitStatus(JobWorkflow job, Predicate<JobStatus> condition)
      throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    JobStatus status = job.status();
    while (!condition.test(status)) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("the job never got there; last status: " + status);
      }
      Thread.sleep(20);
      status = job.status();
    }
    return status;
  }

  private static boolean isClosing(EventType type) {
    return type == EventType.EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED
        || type == EventType.EVENT_TYPE_WORKFLOW_EXECUTION_FAILED
        || type == EventType.EVENT_TYPE_WORKFLOW_EXECUTION_CANCELED
        || type == EventType.EVENT_TYPE_WORKFLOW_EXECUTION_TERMINATED
        || type == EventType.EVENT_TYPE_WORKFLOW_EXECUTION_TIMED_OUT;
  }

  /** The new worker's activities: every text model fails from the first revision on. */
  static final class ExhaustedAfterFirstRevision extends ScriptedActivities {
    @Override
    public StepResult generateText(GenerationRequest request) {
      if (request.revision() > 0) {
        throw ApplicationFailure.newNonRetryableFailure(
            "every text model failed", ActivityErrors.MODELS_EXHAUSTED);
      }
      return super.generateText(request);
    }
  }
}
