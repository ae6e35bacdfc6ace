package dev.conveyor.starter.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.conveyor.starter.testing.ConveyorAppTestSupport;
import dev.conveyor.starter.testing.FileScriptedActivities;
import dev.conveyor.workflow.JobSearchAttributes;
import dev.conveyor.workflow.model.ApprovalPolicy;
import dev.conveyor.workflow.model.Decision;
import dev.conveyor.workflow.model.DecisionAction;
import dev.conveyor.workflow.model.FieldError;
import dev.conveyor.workflow.model.JobRequest;
import dev.conveyor.workflow.model.JobResult;
import dev.conveyor.workflow.model.JobStatus;
import dev.conveyor.workflow.model.OutputKind;
import dev.conveyor.workflow.model.ReviewDecision;
import dev.conveyor.workflow.model.Stage;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionDescription;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The Java client API, as a service uses it, against a real workflow. */
class JobClientTests extends ConveyorAppTestSupport {

  private static final String SECRET = "Our unreleased product Zephyr";

  @Autowired JobClient jobs;
  @Autowired WorkflowClient workflowClient;

  @Test
  void should_start_a_job_with_ui_metadata_that_leaves_the_requirements_out() {
    JobRequest request =
        JobRequest.builder(SECRET, OutputKind.TEXT)
            .qaCriteria(List.of("short"))
            .approvalPolicy(ApprovalPolicy.ALWAYS)
            .approvalTimeout(Duration.ofHours(2))
            .budgetUsd(new BigDecimal("0.25"))
            .submitter("alice")
            .tags(List.of("launch", "q3"))
            .build();

    StartedJob job = jobs.start("meta-" + UUID.randomUUID(), request);

    WorkflowExecutionDescription description =
        workflowClient.newUntypedWorkflowStub(job.jobId()).describe();
    assertThat(job.created()).isTrue();
    assertThat(description.getWorkflowType()).isEqualTo("ConveyorJob");
    assertThat(description.getTaskQueue()).isEqualTo("conveyor-jobs");
    assertThat(description.getStaticSummary())
        .isEqualTo("TEXT · policy ALWAYS · by alice · tags launch, q3");
    assertThat(description.getStaticDetails())
        .contains("| approval timeout | PT2H |", "| budget | 0.25 USD |", "| QA criteria | 1 |")
        .doesNotContain(SECRET, "short");
    assertThat(description.getTypedSearchAttributes().get(JobSearchAttributes.STAGE)).isNotNull();
  }

  @Test
  void should_give_a_random_job_id_without_a_key_and_the_same_job_for_a_repeated_key() {
    JobRequest request = JobRequest.of("A haiku", OutputKind.TEXT, null);
    String key = "repeat-" + UUID.randomUUID();

    JobRequest byPolicy = request.toBuilder().approvalPolicy(ApprovalPolicy.NEVER).build();

    StartedJob random = jobs.start(null, request);
    StartedJob first = jobs.start(key, byPolicy);
    await().until(() -> jobs.status(first.jobId()).stage() == Stage.APPROVED);
    StartedJob repeat = jobs.start(key, byPolicy);

    assertThat(random.jobId()).matches("job-[0-9a-f-]{36}");
    assertThat(first).isEqualTo(new StartedJob("job-" + key, true, Stage.PROMPT));
    assertThat(repeat).isEqualTo(new StartedJob("job-" + key, false, Stage.APPROVED));
  }

  @Test
  void should_refuse_a_repeated_key_with_another_request_and_leave_its_job_alone() {
    JobRequest request = JobRequest.of("A haiku", OutputKind.TEXT, null);
    String key = "reused-" + UUID.randomUUID();
    StartedJob first = jobs.start(key, request);

    assertThatThrownBy(() -> jobs.start(key, JobRequest.of("A sonnet", OutputKind.TEXT, null)))
        .isInstanceOfSatisfying(
            IdempotencyKeyReusedException.class,
            e -> assertThat(e.jobId()).isEqualTo(first.jobId()));
    assertThat(jobs.start(key, request).created()).isFalse();
  }

  @Test
  void should_throw_with_the_invalid_fields_and_start_nothing_when_the_request_is_invalid() {
    String key = "bad-" + UUID.randomUUID();
    JobRequest request =
        JobRequest.builder(" ", null).maxQaAttempts(0).approvalTimeout(Duration.ZERO).build();

    assertThatThrownBy(() -> jobs.start(key, request))
        .isInstanceOfSatisfying(
            InvalidJobRequestException.class,
            e ->
                assertThat(e.errors())
                    .extracting(FieldError::field)
                    .containsExactly(
                        "requirements", "outputKind", "maxQaAttempts", "approvalTimeout"));
    assertThatThrownBy(() -> jobs.status("job-" + key))
        .isInstanceOf(JobNotFoundException.class)
        .hasMessage("job job-" + key + " not found");
    assertThatThrownBy(() -> jobs.start("x".repeat(201), JobRequest.of("x", OutputKind.TEXT, null)))
        .isInstanceOfSatisfying(
            InvalidJobRequestException.class,
            e ->
                assertThat(e.errors())
                    .extracting(FieldError::field)
                    .containsExactly("idempotencyKey"));
  }

  @Test
  void should_reject_decisions_that_are_invalid_out_of_turn_or_too_late() {
    String jobId = awaitingJob();
    ReviewDecision approve = new ReviewDecision(DecisionAction.APPROVE, "alice", null, null);

    assertThatThrownBy(
            () -> jobs.decide(jobId, new ReviewDecision(DecisionAction.APPROVE, "", null, null)))
        .isInstanceOfSatisfying(
            DecisionRejectedException.class,
            e -> {
              assertThat(e.reason()).isEqualTo(DecisionRejectedException.Reason.INVALID);
              assertThat(e.errors()).extracting(FieldError::field).containsExactly("reviewer");
            })
        .as("the workflow's own words for the same decision")
        .hasMessage("invalid decision: [reviewer: is required]");
    assertThat(jobs.decide(jobId, approve).stage()).isEqualTo(Stage.APPROVED);
    assertThatThrownBy(() -> jobs.decide(jobId, approve))
        .isInstanceOfSatisfying(
            DecisionRejectedException.class,
            e -> assertThat(e.reason()).isEqualTo(DecisionRejectedException.Reason.JOB_ENDED))
        .hasMessage("job " + jobId + " already ended");
    assertThatThrownBy(() -> jobs.decide("job-missing", approve))
        .isInstanceOf(JobNotFoundException.class);
  }

  @Test
  void should_reject_a_decision_with_the_validators_message_while_no_decision_is_awaited() {
    StartedJob job =
        jobs.start(null, JobRequest.of("x " + FileScriptedActivities.HOLD, OutputKind.TEXT, null));
    await().until(() -> jobs.status(job.jobId()).stage() == Stage.GENERATE);
    try {
      assertThatThrownBy(
              () ->
                  jobs.decide(
                      job.jobId(),
                      new ReviewDecision(DecisionAction.REJECT, "bob", "no", Boolean.TRUE)))
          .isInstanceOfSatisfying(
              DecisionRejectedException.class,
              e -> assertThat(e.reason()).isEqualTo(DecisionRejectedException.Reason.OUT_OF_TURN))
          .hasMessage("no decision is awaited: job " + job.jobId() + " is in stage GENERATE");
    } finally {
      activities.release(job.jobId());
    }
  }

  @Test
  void should_report_the_result_only_once_the_job_ended() {
    String jobId = awaitingJob();

    Optional<JobResult> running = jobs.result(jobId);
    jobs.approve(jobId, new Decision("carol", "signed off", null));
    await().until(() -> jobs.result(jobId).isPresent());

    assertThat(running).isEmpty();
    JobResult result = jobs.result(jobId).orElseThrow();
    assertThat(result.state()).isEqualTo(Stage.APPROVED);
    assertThat(result.decidedBy()).isEqualTo("carol");
    assertThat(result.costUsd()).isEqualByComparingTo("0.003");
    assertThat(jobs.status(jobId).decisions())
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.via()).isEqualTo("signal");
              assertThat(d.applied()).isTrue();
            });
  }

  @Test
  void should_record_a_rejection_signal_and_end_rejected() {
    String jobId = awaitingJob();

    jobs.reject(jobId, new Decision("dave", "off brand", null));

    await().until(() -> jobs.status(jobId).stage() == Stage.REJECTED);
    assertThat(jobs.status(jobId).reason()).isEqualTo("rejected by dave: off brand");
  }

  @Test
  void should_cancel_a_running_job_and_refuse_to_cancel_it_again() {
    String jobId = awaitingJob();

    jobs.cancel(jobId);

    await().until(() -> jobs.status(jobId).stage() == Stage.CANCELLED);
    assertThatThrownBy(() -> jobs.cancel(jobId)).isInstanceOf(JobEndedException.class);
    assertThatThrownBy(() -> jobs.cancel("job-missing")).isInstanceOf(JobNotFoundException.class);
  }

  @Test
  void should_throw_not_found_for_every_call_on_an_unknown_job() {
    Decision decision = new Decision("alice", null, null);

    assertThatThrownBy(() -> jobs.status("job-nobody")).isInstanceOf(JobNotFoundException.class);
    assertThatThrownBy(() -> jobs.result("job-nobody")).isInstanceOf(JobNotFoundException.class);
    assertThatThrownBy(() -> jobs.approve("job-nobody", decision))
        .isInstanceOf(JobNotFoundException.class);
    assertThatThrownBy(() -> jobs.reject("job-nobody", decision))
        .isInstanceOf(JobNotFoundException.class);
  }

  private String awaitingJob() {
    StartedJob job = jobs.start(null, JobRequest.of("A slogan", OutputKind.TEXT, null));
    JobStatus status =
        await().until(() -> jobs.status(job.jobId()), s -> s.stage() == Stage.AWAITING_APPROVAL);
    return status.jobId();
  }
}
