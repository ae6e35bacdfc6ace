package dev.conveyor.workflow;

import static dev.conveyor.workflow.JobRequests.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.conveyor.workflow.activity.GenerationRequest;
import dev.conveyor.workflow.activity.QaRequest;
import dev.conveyor.workflow.activity.QaResult;
import dev.conveyor.workflow.activity.StepResult;
import dev.conveyor.workflow.model.ApprovalPolicy;
import dev.conveyor.workflow.model.ApprovalReason;
import dev.conveyor.workflow.model.Decision;
import dev.conveyor.workflow.model.DecisionAction;
import dev.conveyor.workflow.model.DecisionRecord;
import dev.conveyor.workflow.model.JobResult;
import dev.conveyor.workflow.model.JobStatus;
import dev.conveyor.workflow.model.ReviewDecision;
import dev.conveyor.workflow.model.Stage;
import dev.conveyor.workflow.testing.ActivityGate;
import dev.conveyor.workflow.testing.JobWorkflowHarness;
import dev.conveyor.workflow.testing.ScriptedActivities;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.BatchRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.client.WorkflowUpdateException;
import io.temporal.failure.ApplicationFailure;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import io.temporal.worker.WorkerOptions;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Reviewers' decisions: approval, rejection, revisions, and decisions out of turn or invalid. */
class JobWorkflowDecisionTests {

  private final JobWorkflowHarness harness = new JobWorkflowHarness();

  @AfterEach
  void closeEnvironment() {
    harness.close();
  }

  @Test
  void should_apply_an_approval_by_update_and_return_the_status_with_it() {
    // given
    harness.start(new ScriptedActivities());
    JobWorkflow job = harness.submit(text(ApprovalPolicy.ALWAYS));
    harness.awaitStage(job, Stage.AWAITING_APPROVAL);

    // when
    JobStatus returned =
        job.decide(new ReviewDecision(DecisionAction.APPROVE, "alice", "good to go", null));

    // then the update answers once the job has acted on the decision
    assertThat(returned.stage()).isEqualTo(Stage.APPROVED);
    assertThat(returned.awaiting()).isNull();
    assertThat(returned.decisions())
        .extracting(DecisionRecord::reviewer, DecisionRecord::via, DecisionRecord::applied)
        .containsExactly(tuple("alice", "update", true));

    // and the job ends approved by the reviewer
    JobResult result = harness.result(job);
    assertThat(result.state()).isEqualTo(Stage.APPROVED);
    assertThat(result.decidedBy()).isEqualTo("alice");
    assertThat(result.reason()).isEqualTo("approved by alice");
    assertThat(job.status().stage()).isEqualTo(Stage.APPROVED);
    assertThat(
            harness.history(job).getEvents().stream()
                .map(HistoryEvent::getEventType)
                .filter(t -> t == EventType.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_COMPLETED))
        .hasSize(1);
  }

  @Test
  void should_answer_a_rejection_by_update_with_the_new_revision_under_way() {
    // given
    ScriptedActivities activities = new ScriptedActivities();
    harness.start(activities);
    JobWorkflow job = harness.submit(text(ApprovalPolicy.ALWAYS));
    harness.awaitStage(job, Stage.AWAITING_APPROVAL);

    // when
    JobStatus returned =
        job.decide(new ReviewDecision(DecisionAction.REJECT, "bob", "more detail", true));

    // then the answer already shows revision 1 being generated
    assertThat(returned.revision()).isEqualTo(1);
    assertThat(returned.stage()).isIn(Stage.GENERATE, Stage.QA, Stage.AWAITING_APPROVAL);
    assertThat(returned.decisions())
        .extracting(DecisionRecord::reviewer, DecisionRecord::applied)
        .containsExactly(tuple("bob", true));
  }

  @Test
  void should_reach_the_same_state_when_approved_by_signal_or_by_update() {
    // given
    harness.start(new ScriptedActivities().failFirst(1));
    JobWorkflow bySignal = harness.submit(text(ApprovalPolicy.ALWAYS));
    JobWorkflow byUpdate = harness.submit(text(ApprovalPolicy.ALWAYS));
    harness.awaitStage(bySignal, Stage.AWAITING_APPROVAL);
    harness.awaitStage(byUpdate, Stage.AWAITING_APPROVAL);

    // when
    bySignal.approve(new Decision("alice", "ok", null));
    byUpdate.decide(new ReviewDecision(DecisionAction.APPROVE, "alice", "ok", null));
    JobResult signalled = harness.result(bySignal);
    JobResult updated = harness.result(byUpdate);

    // then
    assertThat(updated)
        .usingRecursiveComparison()
        .ignoringFields("jobId")
        .withComparatorForType(BigDecimal::compareTo, BigDecimal.class)
        .isEqualTo(signalled);
    assertThat(signalled.state()).isEqualTo(Stage.APPROVED);
    JobStatus a = bySignal.status();
    JobStatus b = byUpdate.status();
    assertThat(b.stage()).isEqualTo(a.stage());
    assertThat(b.reason()).isEqualTo(a.reason());
    assertThat(b.decisions())
        .usingRecursiveFieldByFieldElementComparatorIgnoringFields("via", "at")
        .isEqualTo(a.decisions());
    assertThat(harness.searchAttribute(byUpdate, JobSearchAttributes.APPROVAL))
        .isEqualTo(harness.searchAttribute(bySignal, JobSearchAttributes.APPROVAL))
        .isEqualTo("APPROVED");
  }

  @Test
  void should_generate_a_new_revision_with_the_comment_when_rejected_with_regenerate() {
    // given QA that fails the first attempt of every revision
    ScriptedActivities activities = new ScriptedActivities().failFirst(1);
    harness.start(activities);
    JobWorkflow job = harness.submit(text(ApprovalPolicy.ALWAYS));
    JobStatus first = harness.awaitStage(job, Stage.AWAITING_APPROVAL);

    // when
    job.reject(new Decision("bob", "make it friendlier", true));
    JobStatus second =
        harness.awaitStatus(
            job,
            s -> s.stage() == Stage.AWAITING_APPROVAL && s.revision() == 1,
            "revision 1 awaiting approval");

    // then revision 1 was generated with the reviewer's comment, and QA feedback on its retry
    assertThat(activities.generations())
        .extracting(GenerationRequest::revision, GenerationRequest::attempt)
        .containsExactly(tuple(0, 1), tuple(0, 2), tuple(1, 1), tuple(1, 2));
    String reviewerFeedback = "Reviewer bob rejected the previous output: make it friendlier";
    assertThat(activities.generations().get(2).feedback()).isEqualTo(reviewerFeedback);
    assertThat(activities.generations().get(3).feedback())
        .isEqualTo(reviewerFeedback + "\nQA: attempt 1 too short");
    assertThat(second.awaiting().reason()).isEqualTo(ApprovalReason.REVISION);
    assertThat(second.awaiting().revision()).isEqualTo(1);
    assertThat(second.awaiting().since()).isAfter(first.awaiting().since());
    assertThat(second.attempt()).isEqualTo(2);
    assertThat(second.output()).isNotEqualTo(first.output());
    assertThat(second.attempts()).hasSize(4);
    assertThat(second.decisions())
        .extracting(
            DecisionRecord::action,
            DecisionRecord::reviewer,
            DecisionRecord::regenerate,
            DecisionRecord::revision,
            DecisionRecord::applied)
        .containsExactly(tuple(DecisionAction.REJECT, "bob", true, 0, true));

    // when
    job.approve(new Decision("alice", null, null));
    JobResult result = harness.result(job);

    // then
    assertThat(result.state()).isEqualTo(Stage.APPROVED);
    assertThat(result.decidedBy()).isEqualTo("alice");
    assertThat(result.revisions()).isEqualTo(1);
    assertThat(result.qaAttempts()).isEqualTo(4);
    assertThat(result.output()).isEqualTo(second.output());
    assertThat(result.costUsd()).isEqualByComparingTo("0.009");
    assertThat(job.status().decisions())
        .extracting(DecisionRecord::reviewer, DecisionRecord::revision)
        .containsExactly(tuple("bob", 0), tuple("alice", 1));
  }

  @Test
  void should_reject_for_good_when_rejected_without_regenerate() {
    // given
    ScriptedActivities activities = new ScriptedActivities();
    harness.start(activities);
    JobWorkflow job = harness.submit(text(ApprovalPolicy.ALWAYS));
    harness.awaitStage(job, Stage.AWAITING_APPROVAL);

    // when
    job.decide(new ReviewDecision(DecisionAction.REJECT, "bob", "off brand", false));
    JobResult result = harness.result(job);

    // then
    assertThat(result.state()).isEqualTo(Stage.REJECTED);
    assertThat(result.reason()).isEqualTo("rejected by bob: off brand");
    assertThat(result.decidedBy()).isEqualTo("bob");
    assertThat(result.revisions()).isZero();
    assertThat(activities.generations()).hasSize(1);
    assertThat(harness.searchAttribute(job, JobSearchAttributes.STAGE)).isEqualTo("REJECTED");
    assertThat(harness.searchAttribute(job, JobSearchAttributes.APPROVAL)).isEqualTo("REJECTED");
    assertThat(harness.lastEvent(job)).isEqualTo(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED);
  }

  @Test
  void should_reject_naming_the_limit_when_revisions_run_out() {
    // given
    ScriptedActivities activities = new ScriptedActivities();
    harness.start(activities);
    JobWorkflow job =
        harness.submit(
            text(ApprovalPolicy.ALWAYS).toBuilder().maxQaAttempts(null).maxRevisions(1).build());
    harness.awaitStage(job, Stage.AWAITING_APPROVAL);

    // when
    job.reject(new Decision("bob", "shorter", true));
    harness.awaitStatus(
        job, s -> s.stage() == Stage.AWAITING_APPROVAL && s.revision() == 1, "revision 1");
    job.reject(new Decision("bob", "still too long", true));
    JobResult result = harness.result(job);

    // then
    assertThat(result.state()).isEqualTo(Stage.REJECTED);
    assertThat(result.reason())
        .isEqualTo("rejected by bob; the limit of 1 revisions is reached: still too long");
    assertThat(result.decidedBy()).isEqualTo("bob");
    assertThat(result.revisions()).isEqualTo(1);
    assertThat(result.qaAttempts()).isEqualTo(2);
    assertThat(activities.generations()).hasSize(2);
    assertThat(job.status().decisions())
        .extracting(DecisionRecord::applied)
        .containsExactly(true, true);
  }

  @Test
  void should_reject_at_once_when_no_revision_is_allowed() {
    // given
    ScriptedActivities activities = new ScriptedActivities();
    harness.start(activities);
    JobWorkflow job =
        harness.submit(
            text(ApprovalPolicy.ALWAYS).toBuilder().maxQaAttempts(null).maxRevisions(0).build());
    harness.awaitStage(job, Stage.AWAITING_APPROVAL);

    // when
    job.reject(new Decision("bob", null, true));
    JobResult result = harness.result(job);

    // then
    assertThat(result.state()).isEqualTo(Stage.REJECTED);
    assertThat(result.reason()).isEqualTo("rejected by bob; the limit of 0 revisions is reached");
    assertThat(activities.generations()).hasSize(1);
  }

  @Test
  void should_record_a_signal_out_of_turn_as_ignored_and_keep_the_outcome() {
    // given a job held in QA
    ActivityGate qa = new ActivityGate();
    ScriptedActivities activities = gatedQa(qa);
    harness.start(activities);
    JobWorkflow job = harness.submit(text(ApprovalPolicy.ALWAYS));
    qa.awaitArrival();

    // when
    JobStatus during;
    try {
      job.reject(new Decision("mallory", "too early", false));
      during = harness.awaitStatus(job, s -> !s.decisions().isEmpty(), "a recorded decision");
    } finally {
      qa.open();
    }

    // then it is recorded as ignored, with the reason
    assertThat(during.stage()).isEqualTo(Stage.QA);
    DecisionRecord ignored = during.decisions().get(0);
    assertThat(ignored.action()).isEqualTo(DecisionAction.REJECT);
    assertThat(ignored.reviewer()).isEqualTo("mallory");
    assertThat(ignored.via()).isEqualTo("signal");
    assertThat(ignored.applied()).isFalse();
    assertThat(ignored.note()).isEqualTo("no decision is awaited: job job-1 is in stage QA");

    // and the job still waits for a decision and takes the next one
    JobStatus awaiting = harness.awaitStage(job, Stage.AWAITING_APPROVAL);
    assertThat(awaiting.awaiting().reason()).isEqualTo(ApprovalReason.POLICY);
    job.approve(new Decision("alice", null, null));
    JobResult result = harness.result(job);
    assertThat(result.state()).isEqualTo(Stage.APPROVED);
    assertThat(result.decidedBy()).isEqualTo("alice");
    assertThat(job.status().decisions())
        .extracting(DecisionRecord::reviewer, DecisionRecord::applied)
        .containsExactly(tuple("mallory", false), tuple("alice", true));
  }

  @Test
  void should_record_a_decision_sent_with_the_start_as_ignored() {
    // given
    harness.start(new ScriptedActivities());
    JobWorkflow job = harness.stub("job-early");

    // when the decision arrives with the start, before the job has run at all
    BatchRequest request = harness.client().newSignalWithStartRequest();
    request.add(job::run, text(ApprovalPolicy.ALWAYS));
    request.add(job::approve, new Decision("mallory", null, null));
    harness.client().signalWithStart(request);
    JobStatus awaiting = harness.awaitStage(job, Stage.AWAITING_APPROVAL);

    // then
    assertThat(awaiting.decisions())
        .extracting(DecisionRecord::reviewer, DecisionRecord::applied, DecisionRecord::note)
        .containsExactly(
            tuple("mallory", false, "no decision is awaited: job job-early is in stage PROMPT"));
    assertThat(awaiting.decisions().get(0).at()).isAfterOrEqualTo(awaiting.createdAt());
  }

  @Test
  void should_reject_an_update_out_of_turn_in_its_validator_and_record_nothing() {
    // given a job held in QA
    ActivityGate qa = new ActivityGate();
    harness.start(gatedQa(qa));
    JobWorkflow job = harness.submit(text(ApprovalPolicy.ALWAYS));
    qa.awaitArrival();

    // when
    try {
      assertThatThrownBy(
              () -> job.decide(new ReviewDecision(DecisionAction.APPROVE, "mallory", null, null)))
          // then
          .isInstanceOf(WorkflowUpdateException.class)
          .rootCause()
          .hasMessageContaining("no decision is awaited: job job-1 is in stage QA");
      assertThatThrownBy(
              () -> job.decide(new ReviewDecision(DecisionAction.APPROVE, "mallory", null, null)))
          .cause()
          .isInstanceOfSatisfying(
              ApplicationFailure.class,
              failure ->
                  assertThat(DecisionRejection.typeOf(failure.getType()))
                      .isEqualTo(DecisionRejection.OutOfTurn.class));
      assertThat(job.status().decisions()).isEmpty();
    } finally {
      qa.open();
    }

    // and the job goes on to await a decision, with nothing recorded in its history
    JobStatus awaiting = harness.awaitStage(job, Stage.AWAITING_APPROVAL);
    assertThat(awaiting.decisions()).isEmpty();
    assertThat(
            harness.history(job).getEvents().stream()
                .map(HistoryEvent::getEventType)
                .filter(t -> t.name().contains("UPDATE")))
        .isEmpty();
  }

  @Test
  void should_ignore_a_second_decision_once_the_first_was_applied() {
    // given a job whose regeneration is held after a rejection
    ActivityGate regeneration = new ActivityGate();
    ScriptedActivities activities =
        new ScriptedActivities() {
          @Override
          public StepResult generateText(GenerationRequest request) {
            if (request.revision() > 0) {
              regeneration.pass();
            }
            return super.generateText(request);
          }
        };
    harness.start(activities);
    JobWorkflow job = harness.submit(text(ApprovalPolicy.ALWAYS));
    harness.awaitStage(job, Stage.AWAITING_APPROVAL);
    job.reject(new Decision("bob", "shorter", true));
    regeneration.awaitArrival();

    // when a second reviewer decides on the same output
    JobStatus during;
    try {
      job.approve(new Decision("alice", "I liked it", null));
      assertThatThrownBy(
              () -> job.decide(new ReviewDecision(DecisionAction.APPROVE, "alice", null, null)))
          .isInstanceOf(WorkflowUpdateException.class);
      during = harness.awaitStatus(job, s -> s.decisions().size() == 2, "two decisions");
    } finally {
      regeneration.open();
    }

    // then the signal is recorded as ignored and the update left no trace
    assertThat(during.decisions())
        .extracting(
            DecisionRecord::reviewer,
            DecisionRecord::action,
            DecisionRecord::applied,
            DecisionRecord::note)
        .containsExactly(
            tuple("bob", DecisionAction.REJECT, true, null),
            tuple(
                "alice",
                DecisionAction.APPROVE,
                false,
                "no decision is awaited: job job-1 is in stage GENERATE"));

    // and the rejection still stands: the new revision awaits its own decision
    JobStatus awaiting = harness.awaitStage(job, Stage.AWAITING_APPROVAL);
    assertThat(awaiting.revision()).isEqualTo(1);
    assertThat(awaiting.awaiting().reason()).isEqualTo(ApprovalReason.REVISION);
    job.approve(new Decision("alice", null, null));
    JobResult result = harness.result(job);
    assertThat(result.state()).isEqualTo(Stage.APPROVED);
    assertThat(result.revisions()).isEqualTo(1);
  }

  @Test
  void should_reject_an_invalid_update_in_its_validator_and_keep_waiting() {
    // given
    harness.start(new ScriptedActivities());
    JobWorkflow job = harness.submit(text(ApprovalPolicy.ALWAYS));
    harness.awaitStage(job, Stage.AWAITING_APPROVAL);

    // when
    assertThatThrownBy(
            () -> job.decide(new ReviewDecision(DecisionAction.APPROVE, "  ", "ok", null)))
        // then
        .isInstanceOf(WorkflowUpdateException.class)
        .rootCause()
        .hasMessageContaining("invalid decision: [reviewer: is required]");
    assertThatThrownBy(
            () -> job.decide(new ReviewDecision(DecisionAction.APPROVE, "  ", "ok", null)))
        .cause()
        .isInstanceOfSatisfying(
            ApplicationFailure.class,
            failure ->
                assertThat(DecisionRejection.typeOf(failure.getType()))
                    .isEqualTo(DecisionRejection.InvalidDecision.class));
    assertThatThrownBy(() -> job.decide(new ReviewDecision(null, "alice", null, null)))
        .isInstanceOf(WorkflowUpdateException.class)
        .rootCause()
        .hasMessageContaining("action: is required");
    JobStatus status = job.status();
    assertThat(status.stage()).isEqualTo(Stage.AWAITING_APPROVAL);
    assertThat(status.decisions()).isEmpty();

    // and a valid decision still works
    job.decide(new ReviewDecision(DecisionAction.APPROVE, "alice", null, null));
    assertThat(harness.result(job).decidedBy()).isEqualTo("alice");
  }

  @Test
  void should_record_an_invalid_signal_as_ignored_and_keep_waiting() {
    // given
    harness.start(new ScriptedActivities());
    JobWorkflow job = harness.submit(text(ApprovalPolicy.ALWAYS));
    harness.awaitStage(job, Stage.AWAITING_APPROVAL);

    // when
    job.approve(new Decision(null, "anonymous", null));
    JobStatus status = harness.awaitStatus(job, s -> !s.decisions().isEmpty(), "a decision");

    // then
    assertThat(status.stage()).isEqualTo(Stage.AWAITING_APPROVAL);
    assertThat(status.decisions().get(0).applied()).isFalse();
    assertThat(status.decisions().get(0).note())
        .isEqualTo("invalid decision: [reviewer: is required]");
    job.approve(new Decision("alice", null, null));
    assertThat(harness.result(job).decidedBy()).isEqualTo("alice");
  }

  @Test
  void should_ignore_the_second_of_two_decisions_that_arrive_together() throws Exception {
    // given a job awaiting approval on a worker without sticky execution, which then stops
    harness.start(new ScriptedActivities());
    String taskQueue = "conveyor-restartable";
    WorkerFactory first = restartableWorker(taskQueue);
    JobWorkflow job =
        harness
            .client()
            .newWorkflowStub(
                JobWorkflow.class,
                WorkflowOptions.newBuilder()
                    .setWorkflowId("job-together")
                    .setTaskQueue(taskQueue)
                    .build());
    WorkflowClient.start(job::run, text(ApprovalPolicy.ALWAYS));
    harness.awaitStage(job, Stage.AWAITING_APPROVAL);
    first.shutdownNow();
    first.awaitTermination(10, TimeUnit.SECONDS);

    // when two decisions arrive while no worker runs, so one workflow task carries both
    job.approve(new Decision("alice", "ship it", null));
    job.reject(new Decision("bob", "no", false));
    WorkerFactory second = restartableWorker(taskQueue);
    JobResult result;
    JobStatus status;
    try {
      result = WorkflowStub.fromTyped(job).getResult(JobResult.class);
      status = job.status();
    } finally {
      second.shutdownNow();
      second.awaitTermination(10, TimeUnit.SECONDS);
    }

    // then the first is applied and the second recorded as ignored
    assertThat(result.state()).isEqualTo(Stage.APPROVED);
    assertThat(result.decidedBy()).isEqualTo("alice");
    assertThat(status.decisions())
        .extracting(DecisionRecord::reviewer, DecisionRecord::applied, DecisionRecord::note)
        .containsExactly(
            tuple("alice", true, null),
            tuple("bob", false, "a decision on revision 0 was already received"));
  }

  /** Starts a worker that keeps no workflow in its cache, so it can be stopped and replaced. */
  private WorkerFactory restartableWorker(String taskQueue) {
    WorkerFactory factory = WorkerFactory.newInstance(harness.client());
    Worker worker =
        factory.newWorker(
            taskQueue,
            WorkerOptions.newBuilder().setStickyQueueScheduleToStartTimeout(Duration.ZERO).build());
    worker.registerWorkflowImplementationTypes(JobWorkflowImpl.class);
    worker.registerActivitiesImplementations(new ScriptedActivities());
    factory.start();
    return factory;
  }

  /** Returns activities whose text QA waits at the gate, then passes. */
  private static ScriptedActivities gatedQa(ActivityGate gate) {
    return new ScriptedActivities() {
      @Override
      public QaResult checkText(QaRequest request) {
        gate.pass();
        return super.checkText(request);
      }
    };
  }
}
