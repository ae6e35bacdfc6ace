package dev.conveyor.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.conveyor.workflow.JobSearchAttributes;
import dev.conveyor.workflow.activity.GenerationRequest;
import dev.conveyor.workflow.activity.StepResult;
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
import dev.conveyor.workflow.testing.ActivityGate;
import dev.conveyor.workflow.testing.JobWorkflowHarness;
import dev.conveyor.workflow.testing.ScriptedActivities;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionDescription;
import io.temporal.testing.TestEnvironmentOptions;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The Java client API, as a service uses it, against the real workflow on a Temporal test server
 * whose clock runs in real time, so a job waits for its decision as it would in production. One
 * server serves the whole class; each test starts its own jobs.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JobClientTests {

  private static final String SECRET = "Our unreleased product Zephyr";

  /** Requirements that hold the job in GENERATE until the test opens the gate. */
  private static final String HOLD = "[hold]";

  private static final Duration POLL = Duration.ofMillis(10);

  private volatile ActivityGate gate;
  private JobWorkflowHarness harness;
  private JobClient jobs;
  private WorkflowClient workflowClient;

  @BeforeAll
  void startTemporal() {
    harness =
        new JobWorkflowHarness(
                TestEnvironmentOptions.newBuilder().setUseTimeskipping(false).build())
            .start(new HeldActivities());
    workflowClient = harness.client();
    jobs = new JobClient(workflowClient, JobWorkflowHarness.TASK_QUEUE);
  }

  @BeforeEach
  void closeTheGate() {
    gate = new ActivityGate();
  }

  @AfterEach
  void openTheGate() {
    gate.open();
  }

  @AfterAll
  void stopTemporal() {
    harness.close();
  }

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
    assertThat(description.getTaskQueue()).isEqualTo(JobWorkflowHarness.TASK_QUEUE);
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
    jobs.awaitResult(first.jobId());
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
    StartedJob job = jobs.start(null, JobRequest.of("x " + HOLD, OutputKind.TEXT, null));
    gate.awaitArrival();

    assertThatThrownBy(
            () ->
                jobs.decide(
                    job.jobId(),
                    new ReviewDecision(DecisionAction.REJECT, "bob", "no", Boolean.TRUE)))
        .isInstanceOfSatisfying(
            DecisionRejectedException.class,
            e -> assertThat(e.reason()).isEqualTo(DecisionRejectedException.Reason.OUT_OF_TURN))
        .hasMessage("no decision is awaited: job " + job.jobId() + " is in stage GENERATE");
  }

  @Test
  void should_wait_for_the_result_only_as_long_as_asked() {
    StartedJob job = jobs.start(null, JobRequest.of("x " + HOLD, OutputKind.TEXT, null));
    gate.awaitArrival();

    Optional<JobResult> whileHeld = jobs.awaitResult(job.jobId(), Duration.ofMillis(200));
    gate.open();
    JobStatus awaiting = jobs.watch(job.jobId(), POLL, JobClientTests::awaitsDecision, none());
    jobs.approve(job.jobId(), new Decision("erin", null, null));
    Optional<JobResult> ended = jobs.awaitResult(job.jobId(), Duration.ofSeconds(30));

    assertThat(whileHeld).isEmpty();
    assertThat(awaiting.stage()).isEqualTo(Stage.AWAITING_APPROVAL);
    assertThat(ended).map(JobResult::state).contains(Stage.APPROVED);
  }

  @Test
  void should_show_each_change_once_while_watching_a_job_to_its_end() {
    StartedJob job =
        jobs.start(
            null,
            JobRequest.builder("A slogan", OutputKind.TEXT)
                .approvalPolicy(ApprovalPolicy.NEVER)
                .build());
    List<JobStatus> seen = new ArrayList<>();

    JobStatus last = jobs.watch(job.jobId(), POLL, seen::add);

    assertThat(last.stage()).isEqualTo(Stage.APPROVED);
    assertThat(seen).last().isEqualTo(last);
    assertThat(seen).doesNotHaveDuplicates();
    assertThat(seen).allSatisfy(s -> assertThat(s.jobId()).isEqualTo(job.jobId()));
    assertThatThrownBy(() -> jobs.watch("job-nobody", POLL, none()))
        .isInstanceOf(JobNotFoundException.class);
  }

  @Test
  void should_report_the_result_only_once_the_job_ended() {
    String jobId = awaitingJob();

    Optional<JobResult> running = jobs.result(jobId);
    jobs.approve(jobId, new Decision("carol", "signed off", null));
    JobResult awaited = jobs.awaitResult(jobId);

    assertThat(running).isEmpty();
    JobResult result = jobs.result(jobId).orElseThrow();
    assertThat(result).isEqualTo(awaited);
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

    assertThat(jobs.awaitResult(jobId).state()).isEqualTo(Stage.REJECTED);
    assertThat(jobs.status(jobId).reason()).isEqualTo("rejected by dave: off brand");
  }

  @Test
  void should_cancel_a_running_job_and_refuse_to_cancel_it_again() {
    String jobId = awaitingJob();

    jobs.cancel(jobId);

    assertThat(jobs.awaitResult(jobId).state()).isEqualTo(Stage.CANCELLED);
    assertThat(jobs.status(jobId).stage()).isEqualTo(Stage.CANCELLED);
    assertThatThrownBy(() -> jobs.cancel(jobId)).isInstanceOf(JobEndedException.class);
    assertThatThrownBy(() -> jobs.cancel("job-missing")).isInstanceOf(JobNotFoundException.class);
  }

  @Test
  void should_throw_not_found_for_every_call_on_an_unknown_job() {
    Decision decision = new Decision("alice", null, null);

    assertThatThrownBy(() -> jobs.status("job-nobody")).isInstanceOf(JobNotFoundException.class);
    assertThatThrownBy(() -> jobs.result("job-nobody")).isInstanceOf(JobNotFoundException.class);
    assertThatThrownBy(() -> jobs.awaitResult("job-nobody"))
        .isInstanceOf(JobNotFoundException.class);
    assertThatThrownBy(() -> jobs.approve("job-nobody", decision))
        .isInstanceOf(JobNotFoundException.class);
    assertThatThrownBy(() -> jobs.reject("job-nobody", decision))
        .isInstanceOf(JobNotFoundException.class);
  }

  private String awaitingJob() {
    StartedJob job = jobs.start(null, JobRequest.of("A slogan", OutputKind.TEXT, null));
    JobStatus status = jobs.watch(job.jobId(), POLL, JobClientTests::awaitsDecision, none());
    assertThat(status.stage()).isEqualTo(Stage.AWAITING_APPROVAL);
    return status.jobId();
  }

  private static boolean awaitsDecision(JobStatus status) {
    return status.stage() == Stage.AWAITING_APPROVAL;
  }

  private static Consumer<JobStatus> none() {
    return status -> {};
  }

  /** Scripted activities whose text generation waits at the gate when the requirements say so. */
  private final class HeldActivities extends ScriptedActivities {
    @Override
    public StepResult generateText(GenerationRequest request) {
      if (text(request.requirements()).contains(HOLD)) {
        gate.pass();
      }
      return super.generateText(request);
    }
  }
}
