package dev.conveyor.worker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conveyor.workflow.JobWorkflow;
import dev.conveyor.workflow.JobWorkflowImpl;
import dev.conveyor.workflow.model.ApprovalPolicy;
import dev.conveyor.workflow.model.JobRequest;
import dev.conveyor.workflow.model.JobResult;
import dev.conveyor.workflow.model.OutputKind;
import dev.conveyor.workflow.model.Stage;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.spring.boot.WorkflowImplementationOptionsCustomizer;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import io.temporal.worker.WorkflowImplementationOptions;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The {@code image-worker} profile: the worker polls only the image-generation queue named by
 * {@code conveyor.temporal.step-queues.image-generation}, and a general worker configured with the
 * same key sends an image job's generation there while it runs every other step itself.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "conveyor.temporal.embedded.enabled=true",
      "conveyor.temporal.embedded.port=0",
      "conveyor.temporal.task-queue=" + ImageWorkerProfileTests.MAIN_QUEUE,
      "conveyor.temporal.step-queues.image-generation=" + ImageWorkerProfileTests.IMAGE_QUEUE,
      "conveyor.store.embedded.port=0"
    })
@ActiveProfiles("image-worker")
class ImageWorkerProfileTests {

  static final String MAIN_QUEUE = "general-under-test";
  static final String IMAGE_QUEUE = "images-under-test";
  private static final String GENERAL_IDENTITY = "general-worker-under-test";

  @TempDir static Path data;

  @DynamicPropertySource
  static void dataDirs(DynamicPropertyRegistry registry) {
    registry.add("conveyor.artifacts.dir", () -> data.resolve("artifacts").toString());
    registry.add("conveyor.store.embedded.data-dir", () -> data.resolve("postgres"));
  }

  @Autowired WorkflowClient client;
  @Autowired WorkerFactory imageWorkerFactory;
  @Autowired WorkflowImplementationOptionsCustomizer routing;
  @Autowired ApplicationContext context;

  private WorkerFactory general;

  @AfterEach
  void stopGeneralWorker() {
    if (general != null) {
      general.shutdownNow();
      general.awaitTermination(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void polls_only_the_image_queue_with_the_generation_activities() {
    Worker images = imageWorkerFactory.tryGetWorker(IMAGE_QUEUE);
    assertThat(images).isNotNull();
    assertThat(imageWorkerFactory.tryGetWorker(MAIN_QUEUE)).isNull();
  }

  @Test
  void image_jobs_generation_runs_on_the_image_worker_and_every_other_step_on_the_general_one()
      throws Exception {
    // given a general worker registered the way the worker's own configuration registers it
    startGeneralWorker();
    JobRequest request =
        JobRequest.builder("A minimalist logo of a paper boat", OutputKind.IMAGE)
            .approvalPolicy(ApprovalPolicy.NEVER)
            .build();
    JobWorkflow job =
        client.newWorkflowStub(
            JobWorkflow.class,
            WorkflowOptions.newBuilder()
                .setWorkflowId("image-worker-test-" + UUID.randomUUID())
                .setTaskQueue(MAIN_QUEUE)
                .build());

    // when
    WorkflowClient.start(job::run, request);
    JobResult result = WorkflowStub.fromTyped(job).getResult(2, TimeUnit.MINUTES, JobResult.class);

    // then the image worker drew the image, on its queue; the general worker judged it
    assertThat(result.state()).as(result.reason()).isEqualTo(Stage.APPROVED);
    assertThat(result.output().contentType()).isEqualTo("image/png");
    WorkflowExecutionHistory history =
        client.fetchHistory(WorkflowStub.fromTyped(job).getExecution().getWorkflowId());
    Map<String, String> queues = new HashMap<>();
    Map<String, String> identities = new HashMap<>();
    Map<Long, String> typesById = new HashMap<>();
    for (HistoryEvent event : history.getEvents()) {
      if (event.getEventType() == EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED) {
        var scheduled = event.getActivityTaskScheduledEventAttributes();
        typesById.put(event.getEventId(), scheduled.getActivityType().getName());
        queues.put(scheduled.getActivityType().getName(), scheduled.getTaskQueue().getName());
      } else if (event.getEventType() == EventType.EVENT_TYPE_ACTIVITY_TASK_STARTED) {
        var started = event.getActivityTaskStartedEventAttributes();
        identities.put(typesById.get(started.getScheduledEventId()), started.getIdentity());
      }
    }
    assertThat(queues)
        .containsEntry("GenerateImage", IMAGE_QUEUE)
        .containsEntry("WritePrompt", MAIN_QUEUE)
        .containsEntry("CheckImage", MAIN_QUEUE);
    assertThat(identities.get("GenerateImage")).isNotEqualTo(GENERAL_IDENTITY);
    assertThat(identities).containsEntry("WritePrompt", GENERAL_IDENTITY);
    assertThat(identities).containsEntry("CheckImage", GENERAL_IDENTITY);
  }

  /**
   * Starts a general worker on the main queue in this JVM, with the workflow options from the
   * worker's step-queue routing and every activity bean but the generation activities.
   */
  private void startGeneralWorker() {
    WorkflowClient generalClient =
        WorkflowClient.newInstance(
            client.getWorkflowServiceStubs(),
            client.getOptions().toBuilder().setIdentity(GENERAL_IDENTITY).build());
    general = WorkerFactory.newInstance(generalClient);
    Worker worker = general.newWorker(MAIN_QUEUE);
    WorkflowImplementationOptions options =
        routing
            .customize(
                WorkflowImplementationOptions.newBuilder(), worker, JobWorkflowImpl.class, null)
            .build();
    worker.registerWorkflowImplementationTypes(options, JobWorkflowImpl.class);
    for (String bean :
        List.of(
            "artifactActivities",
            "routingActivities",
            "promptActivities",
            "qaActivities",
            "codeActivities",
            "jobStoreActivities",
            "reminderActivities")) {
      worker.registerActivitiesImplementations(context.getBean(bean));
    }
    general.start();
  }
}
