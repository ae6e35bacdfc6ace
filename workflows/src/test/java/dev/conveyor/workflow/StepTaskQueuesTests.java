package dev.conveyor.workflow;

import static dev.conveyor.workflow.JobRequests.image;
import static dev.conveyor.workflow.JobRequests.text;
import static org.assertj.core.api.Assertions.assertThat;

import dev.conveyor.workflow.activity.GenerationActivities;
import dev.conveyor.workflow.model.ApprovalPolicy;
import dev.conveyor.workflow.model.JobRequest;
import dev.conveyor.workflow.model.JobResult;
import dev.conveyor.workflow.model.Stage;
import dev.conveyor.workflow.model.Step;
import dev.conveyor.workflow.testing.JobWorkflowHarness;
import dev.conveyor.workflow.testing.ScriptedActivities;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.testing.WorkflowReplayer;
import io.temporal.worker.WorkflowImplementationOptions;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Optional task queues per step kind: an image job's generation runs on the image worker. */
class StepTaskQueuesTests {

  private static final String IMAGE_QUEUE = "conveyor-images-test";

  private JobWorkflowHarness harness;

  @AfterEach
  void closeEnvironment() {
    if (harness != null) {
      harness.close();
    }
  }

  @Test
  void should_run_an_image_jobs_generation_on_the_image_worker_and_the_rest_on_the_general_one()
      throws Exception {
    // given a general worker that sends image generation to its own queue, and an image worker
    ScriptedActivities general = new ScriptedActivities();
    ScriptedActivities images = startWithImageWorker(general);

    // when
    JobWorkflow job = harness.submit(policyNever(image()));
    JobResult result = harness.result(job);

    // then the image worker drew it, and only the generation left the general queue
    assertThat(result.state()).isEqualTo(Stage.APPROVED);
    assertThat(images.invocations()).containsExactly("GenerateImage");
    assertThat(general.invocations())
        .contains("WritePrompt", "CheckImage")
        .doesNotContain("GenerateImage");
    WorkflowExecutionHistory history = harness.history(job);
    assertThat(queuesByType(history))
        .containsEntry("GenerateImage", IMAGE_QUEUE)
        .containsEntry("WritePrompt", JobWorkflowHarness.TASK_QUEUE)
        .containsEntry("CheckImage", JobWorkflowHarness.TASK_QUEUE);
    // A worker without the mapping replays the history: the queue is not part of the replay check.
    WorkflowReplayer.replayWorkflowExecution(history, JobWorkflowImpl.class);
  }

  @Test
  void should_keep_a_text_jobs_steps_on_the_general_queue_when_only_images_have_their_own() {
    // given
    ScriptedActivities general = new ScriptedActivities();
    ScriptedActivities images = startWithImageWorker(general);

    // when
    JobWorkflow job = harness.submit(policyNever(text()));
    harness.result(job);

    // then
    assertThat(images.invocations()).isEmpty();
    assertThat(queuesByType(harness.history(job)).values())
        .isNotEmpty()
        .containsOnly(JobWorkflowHarness.TASK_QUEUE);
  }

  @Test
  void should_schedule_every_activity_on_the_workers_queue_without_a_mapping() {
    // given
    WorkflowImplementationOptions options =
        StepTaskQueues.routing(WorkflowImplementationOptions.newBuilder(), Map.of()).build();
    harness = new JobWorkflowHarness(options);
    harness.start(new ScriptedActivities());

    // when
    JobWorkflow job = harness.submit(policyNever(image()));
    harness.result(job);

    // then
    assertThat(options.getActivityOptions()).isEmpty();
    assertThat(queuesByType(harness.history(job)).values())
        .containsOnly(JobWorkflowHarness.TASK_QUEUE);
  }

  @Test
  void should_name_the_activity_type_each_step_schedules() {
    assertThat(StepTaskQueues.activityType(Step.IMAGE_GENERATION)).isEqualTo("GenerateImage");
    assertThat(StepTaskQueues.activityType(Step.VISION_QA)).isEqualTo("CheckImage");
    assertThat(StepTaskQueues.activityType(Step.CODE_GENERATION)).isEqualTo("GenerateCode");
    assertThat(Arrays.stream(Step.values()).map(StepTaskQueues::activityType))
        .doesNotHaveDuplicates()
        .hasSize(Step.values().length);
    assertThat(StepTaskQueues.activityInterface(Step.IMAGE_GENERATION))
        .isEqualTo(GenerationActivities.class);
  }

  /** Starts the general worker and an image worker that serves only the image queue. */
  private ScriptedActivities startWithImageWorker(ScriptedActivities general) {
    WorkflowImplementationOptions options =
        StepTaskQueues.routing(
                WorkflowImplementationOptions.newBuilder(),
                Map.of(Step.IMAGE_GENERATION, IMAGE_QUEUE))
            .build();
    harness = new JobWorkflowHarness(options);
    ScriptedActivities images = new ScriptedActivities();
    harness.env().newWorker(IMAGE_QUEUE).registerActivitiesImplementations(images);
    harness.start(general);
    return images;
  }

  private static JobRequest policyNever(JobRequest request) {
    return request.toBuilder().approvalPolicy(ApprovalPolicy.NEVER).build();
  }

  /** Returns the task queue each activity type was scheduled on. */
  private static Map<String, String> queuesByType(WorkflowExecutionHistory history) {
    return history.getEvents().stream()
        .filter(e -> e.getEventType() == EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED)
        .map(HistoryEvent::getActivityTaskScheduledEventAttributes)
        .collect(
            Collectors.toMap(
                a -> a.getActivityType().getName(),
                a -> a.getTaskQueue().getName(),
                (first, second) -> first.equals(second) ? first : first + "," + second));
  }
}
