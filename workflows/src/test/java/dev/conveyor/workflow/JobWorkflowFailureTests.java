package dev.conveyor.workflow;

import static dev.conveyor.workflow.JobRequests.text;
import static dev.conveyor.workflow.JobRequests.withRequirements;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.conveyor.workflow.activity.ActivityErrors;
import dev.conveyor.workflow.activity.GenerationRequest;
import dev.conveyor.workflow.activity.QaRequest;
import dev.conveyor.workflow.activity.QaResult;
import dev.conveyor.workflow.activity.StepResult;
import dev.conveyor.workflow.model.ApprovalPolicy;
import dev.conveyor.workflow.model.ApprovalReason;
import dev.conveyor.workflow.model.Decision;
import dev.conveyor.workflow.model.DecisionAction;
import dev.conveyor.workflow.model.JobRequest;
import dev.conveyor.workflow.model.JobResult;
import dev.conveyor.workflow.model.JobStatus;
import dev.conveyor.workflow.model.ReviewDecision;
import dev.conveyor.workflow.model.Stage;
import dev.conveyor.workflow.testing.ActivityGate;
import dev.conveyor.workflow.testing.JobWorkflowHarness;
import dev.conveyor.workflow.testing.ScriptedActivities;
import io.temporal.api.enums.v1.EventType;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowUpdateException;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.CanceledFailure;
import java.math.BigDecimal;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Jobs that end without a reviewer's verdict: cancelled, invalid, broken or over budget. */
class JobWorkflowFailureTests {

  private final JobWorkflowHarness harness = new JobWorkflowHarness();

  @AfterEach
  void closeEnvironment() {
    harness.close();
  }

  @Test
  void should_close_cancelled_with_stage_cancelled_when_cancelled_while_awaiting_approval() {
    // given
    ScriptedActivities activities = new ScriptedActivities();
    harness.start(activities);
    JobWorkflow job = harness.submit(text());
    JobStatus awaiting = harness.awaitStage(job, Stage.AWAITING_APPROVAL);

    // when
    harness.cancel(job);

    // then the Java SDK closes a workflow whose cancellation was requested as CANCELED, whatever
    // it returns, so the JobResult never reaches the client; the status tells what happened
    assertThatThrownBy(() -> harness.result(job))
        .isInstanceOf(WorkflowFailedException.class)
        .hasCauseInstanceOf(CanceledFailure.class);
    assertThat(harness.lastEvent(job)).isEqualTo(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_CANCELED);
    JobStatus status = job.status();
    assertThat(status.stage()).isEqualTo(Stage.CANCELLED);
    assertThat(status.reason()).isEqualTo("cancelled during AWAITING_APPROVAL");
    assertThat(status.awaiting()).isNull();
    assertThat(status.decisions()).isEmpty();
    assertThat(status.attempts()).hasSize(1);
    assertThat(status.finishedAt()).isAfterOrEqualTo(awaiting.awaiting().since());
    assertThat(harness.searchAttribute(job, JobSearchAttributes.STAGE)).isEqualTo("CANCELLED");
    assertThat(harness.searchAttribute(job, JobSearchAttributes.APPROVAL)).isEqualTo("NONE");
  }

  @Test
  void should_close_cancelled_with_stage_cancelled_when_cancelled_during_generation() {
    // given
    ActivityGate generation = new ActivityGate();
    ScriptedActivities activities =
        new ScriptedActivities() {
          @Override
          public StepResult generateText(GenerationRequest request) {
            generation.pass();
            return super.generateText(request);
          }
        };
    harness.start(activities);
    JobWorkflow job = harness.submit(text());
    generation.awaitArrival();

    // when
    try {
      harness.cancel(job);
      assertThatThrownBy(() -> harness.result(job))
          .isInstanceOf(WorkflowFailedException.class)
          .hasCauseInstanceOf(CanceledFailure.class);
    } finally {
      generation.open();
    }

    // then
    assertThat(harness.lastEvent(job)).isEqualTo(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_CANCELED);
    JobStatus status = job.status();
    assertThat(status.stage()).isEqualTo(Stage.CANCELLED);
    assertThat(status.reason()).isEqualTo("cancelled during GENERATE");
    assertThat(status.output()).isNull();
    assertThat(activities.checks()).isEmpty();
    assertThat(harness.searchAttribute(job, JobSearchAttributes.STAGE)).isEqualTo("CANCELLED");
  }

  @Test
  void should_fail_with_invalid_request_naming_the_field_when_requirements_are_blank() {
    // given
    ScriptedActivities activities = new ScriptedActivities();
    harness.start(activities);

    // when
    JobWorkflow job = harness.submit(withRequirements(text(), "   "));
    JobResult result = harness.result(job);

    // then
    assertThat(result.state()).isEqualTo(Stage.FAILED);
    assertThat(result.reason()).startsWith("invalid request").contains("requirements: is required");
    assertThat(result.output()).isNull();
    assertThat(result.qaAttempts()).isZero();
    assertThat(result.costUsd()).isEqualByComparingTo(BigDecimal.ZERO);
    assertThat(activities.invocations()).isEmpty();
    JobStatus status = job.status();
    assertThat(status.stage()).isEqualTo(Stage.FAILED);
    assertThat(status.reason()).isEqualTo(result.reason());
    assertThat(status.createdAt()).isNotNull();
    assertThat(status.finishedAt()).isEqualTo(status.updatedAt()).isNotNull();
    assertThat(harness.lastEvent(job)).isEqualTo(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED);
  }

  @Test
  void should_fail_with_every_invalid_field_when_several_are_wrong() {
    // given
    harness.start(new ScriptedActivities());
    JobRequest request =
        new JobRequest(
            "fine", null, List.of(" "), 0, null, null, 1.5, null, null, null, null, null, null);

    // when
    JobResult result = harness.result(harness.submit(request));

    // then
    assertThat(result.state()).isEqualTo(Stage.FAILED);
    assertThat(result.reason())
        .startsWith("invalid request")
        .contains("outputKind: is required")
        .contains("qaCriteria[0]: is blank")
        .contains("maxQaAttempts: must be between 1 and 10")
        .contains("scoreThreshold: must be between 0 and 1");
  }

  @Test
  void should_fail_naming_the_stage_when_generation_is_rejected_for_good_and_no_human_is_asked() {
    // given
    AtomicInteger calls = new AtomicInteger();
    ScriptedActivities activities =
        new ScriptedActivities() {
          @Override
          public StepResult generateText(GenerationRequest request) {
            calls.incrementAndGet();
            throw ApplicationFailure.newNonRetryableFailure(
                "model text-writer refused the key", ActivityErrors.MODEL_REJECTED);
          }
        };
    harness.start(activities);

    // when
    JobWorkflow job = harness.submit(text(ApprovalPolicy.NEVER));
    JobResult result = harness.result(job);

    // then
    assertThat(result.state()).isEqualTo(Stage.FAILED);
    assertThat(result.reason())
        .isEqualTo(
            "GENERATE failed after retries: model text-writer refused the key (ModelRejected)");
    assertThat(result.decidedBy()).isNull();
    assertThat(result.qaAttempts()).isZero();
    assertThat(calls).as("a non-retryable failure is not retried").hasValue(1);
    assertThat(job.status().calls()).hasSize(1);
    assertThat(harness.lastEvent(job)).isEqualTo(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED);
  }

  @Test
  void should_let_a_human_approve_the_unjudged_output_when_every_qa_model_fails() {
    // given
    ScriptedActivities activities =
        new ScriptedActivities() {
          @Override
          public QaResult checkText(QaRequest request) {
            throw ApplicationFailure.newNonRetryableFailure(
                "judge model not found", ActivityErrors.MODELS_EXHAUSTED);
          }
        };
    harness.start(activities);

    // when
    JobWorkflow job = harness.submit(text(ApprovalPolicy.ALWAYS));
    JobStatus awaiting = harness.awaitStage(job, Stage.AWAITING_APPROVAL);

    // then a human sees why, with the output that QA could not judge
    assertThat(awaiting.awaiting().reason()).isEqualTo(ApprovalReason.MODELS_EXHAUSTED);
    assertThat(awaiting.awaiting().qaPassed()).isFalse();
    assertThat(awaiting.awaiting().detail())
        .isEqualTo("QA failed after retries: judge model not found (ModelsExhausted)");
    assertThat(awaiting.output()).isNotNull();
    assertThat(awaiting.attempts())
        .singleElement()
        .satisfies(a -> assertThat(a.verdict()).isNull());

    job.approve(new Decision("alice", "checked by hand", null));
    JobResult result = harness.result(job);
    assertThat(result.state()).isEqualTo(Stage.APPROVED);
    assertThat(result.output()).isEqualTo(awaiting.output());
    assertThat(result.qaAttempts()).as("QA judged nothing").isZero();
    assertThat(harness.lastEvent(job)).isEqualTo(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED);
  }

  @Test
  void should_refuse_an_approval_with_nothing_to_approve_and_retry_on_a_new_revision() {
    // given generation that fails for good on the first revision only
    ScriptedActivities activities =
        new ScriptedActivities() {
          @Override
          public StepResult generateText(GenerationRequest request) {
            if (request.revision() == 0) {
              throw ApplicationFailure.newNonRetryableFailure(
                  "openai/gpt-x: rejected (401)", ActivityErrors.MODELS_EXHAUSTED);
            }
            return super.generateText(request);
          }
        };
    harness.start(activities);
    JobWorkflow job = harness.submit(text(ApprovalPolicy.ALWAYS));
    JobStatus awaiting = harness.awaitStage(job, Stage.AWAITING_APPROVAL);
    assertThat(awaiting.awaiting().reason()).isEqualTo(ApprovalReason.MODELS_EXHAUSTED);
    assertThat(awaiting.output()).isNull();

    // when an approval arrives, there is nothing to approve
    assertThatThrownBy(
            () -> job.decide(new ReviewDecision(DecisionAction.APPROVE, "alice", null, null)))
        .isInstanceOf(WorkflowUpdateException.class)
        .rootCause()
        .hasMessageContaining("nothing to approve");

    // and a rejection with regenerate tries again
    JobStatus retried =
        job.decide(new ReviewDecision(DecisionAction.REJECT, "alice", "try again", true));
    assertThat(retried.revision()).isEqualTo(1);
    JobStatus second =
        harness.awaitStatus(
            job,
            s -> s.stage() == Stage.AWAITING_APPROVAL && s.revision() == 1,
            "revision 1 awaiting approval");
    assertThat(second.awaiting().reason()).isEqualTo(ApprovalReason.REVISION);
    job.approve(new Decision("alice", null, null));
    assertThat(harness.result(job).state()).isEqualTo(Stage.APPROVED);
  }

  @Test
  void should_retry_a_transient_failure_and_carry_on() {
    // given
    AtomicInteger calls = new AtomicInteger();
    ScriptedActivities activities =
        new ScriptedActivities() {
          @Override
          public StepResult generateText(GenerationRequest request) {
            if (calls.incrementAndGet() < 3) {
              throw new IllegalStateException("HTTP 503 from the model");
            }
            return super.generateText(request);
          }
        };
    harness.start(activities);

    // when
    JobWorkflow job = harness.submit(text(ApprovalPolicy.NEVER));
    JobResult result = harness.result(job);

    // then
    assertThat(result.state()).isEqualTo(Stage.APPROVED);
    assertThat(calls).hasValue(3);
    assertThat(result.qaAttempts()).isEqualTo(1);
  }
}
