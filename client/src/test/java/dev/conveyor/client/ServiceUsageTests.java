package dev.conveyor.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conveyor.workflow.JobDataConverter;
import dev.conveyor.workflow.JobSearchAttributes;
import dev.conveyor.workflow.JobWorkflow;
import dev.conveyor.workflow.JobWorkflowImpl;
import dev.conveyor.workflow.model.ApprovalReason;
import dev.conveyor.workflow.model.DecisionAction;
import dev.conveyor.workflow.model.JobRequest;
import dev.conveyor.workflow.model.JobResult;
import dev.conveyor.workflow.model.JobStatus;
import dev.conveyor.workflow.model.OutputKind;
import dev.conveyor.workflow.model.ReviewDecision;
import dev.conveyor.workflow.model.Stage;
import dev.conveyor.workflow.testing.ScriptedActivities;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.common.SearchAttributeKey;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The test a service writes for its use of Conveyor: the real workflow on Temporal's test
 * environment, with scripted activities in place of the models, driven only through {@link
 * JobClient}. It is the example of {@code docs/java-client.md}.
 */
class ServiceUsageTests {

  private final ScriptedActivities activities = new ScriptedActivities();
  private TestWorkflowEnvironment env;
  private JobClient jobs;

  @BeforeEach
  void startTemporal() {
    env =
        TestWorkflowEnvironment.newInstance(
            TestEnvironmentOptions.newBuilder()
                .setWorkflowClientOptions(
                    WorkflowClientOptions.newBuilder()
                        .setDataConverter(JobDataConverter.create())
                        .build())
                .build());
    for (SearchAttributeKey<String> key : JobSearchAttributes.ALL) {
      env.registerSearchAttribute(key.getName(), IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD);
    }
    Worker worker = env.newWorker(JobWorkflow.DEFAULT_TASK_QUEUE);
    worker.registerWorkflowImplementationTypes(JobWorkflowImpl.class);
    worker.registerActivitiesImplementations(activities);
    env.start();
    jobs = new JobClient(env.getWorkflowClient(), JobWorkflow.DEFAULT_TASK_QUEUE);
  }

  @AfterEach
  void stopTemporal() {
    env.close();
  }

  @Test
  void should_start_a_job_follow_it_to_approval_approve_it_and_read_its_result() {
    JobRequest request =
        JobRequest.builder("A launch email for our spring sale", OutputKind.TEXT)
            .qaCriteria(List.of("mentions the discount"))
            .submitter("newsletter-service")
            .tags(List.of("spring-sale"))
            .build();

    StartedJob job = jobs.start("spring-sale-email", request);
    List<Stage> stages = new ArrayList<>();
    JobStatus awaiting =
        jobs.watch(
            job.jobId(),
            Duration.ofMillis(20),
            status -> status.stage() == Stage.AWAITING_APPROVAL,
            status -> stages.add(status.stage()));
    JobStatus decided =
        jobs.decide(
            job.jobId(), new ReviewDecision(DecisionAction.APPROVE, "rita", "ship it", null));
    JobResult result = jobs.awaitResult(job.jobId());

    assertThat(job).isEqualTo(new StartedJob("job-spring-sale-email", true, Stage.PROMPT));
    assertThat(stages).last().isEqualTo(Stage.AWAITING_APPROVAL);
    assertThat(awaiting.awaiting().reason()).isEqualTo(ApprovalReason.POLICY);
    assertThat(decided.stage()).isEqualTo(Stage.APPROVED);
    assertThat(result.state()).isEqualTo(Stage.APPROVED);
    assertThat(result.decidedBy()).isEqualTo("rita");
    assertThat(result.costUsd()).isEqualByComparingTo("0.003");
    assertThat(activities.text(result.output())).isNotBlank();
    assertThat(jobs.start("spring-sale-email", request).created())
        .as("the same key and request name the same job")
        .isFalse();
  }
}
