package dev.conveyor.workflow;

import static dev.conveyor.workflow.JobRequests.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.conveyor.workflow.model.ApprovalPolicy;
import dev.conveyor.workflow.model.Decision;
import dev.conveyor.workflow.model.DecisionAction;
import dev.conveyor.workflow.model.DecisionRecord;
import dev.conveyor.workflow.model.ExpiryAction;
import dev.conveyor.workflow.model.JobResult;
import dev.conveyor.workflow.model.JobStatus;
import dev.conveyor.workflow.model.Stage;
import dev.conveyor.workflow.testing.JobWorkflowHarness;
import dev.conveyor.workflow.testing.ScriptedActivities;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The approval timeout. Time passes on the test environment's skipping clock only, so an hour of
 * waiting takes milliseconds and every time assertion reads that clock.
 */
class JobWorkflowExpiryTests {

  private static final Duration TIMEOUT = Duration.ofHours(1);

  /** How much real time the workers may add to the skipped time, for the assertions' margins. */
  private static final Duration SLACK = Duration.ofSeconds(30);

  private final JobWorkflowHarness harness = new JobWorkflowHarness();

  @AfterEach
  void closeEnvironment() {
    harness.close();
  }

  @Test
  void should_expire_at_the_deadline_when_nobody_decides_and_the_action_is_expire() {
    // given
    harness.start(new ScriptedActivities());
    JobWorkflow job =
        harness.submit(
            text(ApprovalPolicy.ALWAYS).toBuilder()
                .approvalTimeout(TIMEOUT)
                .onExpiry(null)
                .build());
    JobStatus awaiting = harness.awaitStage(job, Stage.AWAITING_APPROVAL);
    Instant deadline = awaiting.awaiting().deadline();

    // when
    JobResult result = harness.result(job);

    // then
    assertThat(deadline).isEqualTo(awaiting.awaiting().since().plus(TIMEOUT));
    assertThat(result.state()).isEqualTo(Stage.EXPIRED);
    assertThat(result.reason()).isEqualTo("no decision within PT1H");
    assertThat(result.decidedBy()).isNull();
    assertThat(result.output()).isEqualTo(awaiting.output());
    JobStatus status = job.status();
    assertThat(status.finishedAt()).isBetween(deadline, deadline.plus(SLACK));
    assertThat(harness.now()).isAfterOrEqualTo(deadline);
    assertThat(status.awaiting()).isNull();
    assertThat(status.decisions()).hasSize(1);
    DecisionRecord timeout = status.decisions().get(0);
    assertThat(timeout.action()).isNull();
    assertThat(timeout.reviewer()).isEqualTo("timeout");
    assertThat(timeout.via()).isEqualTo("timeout");
    assertThat(timeout.applied()).isTrue();
    assertThat(timeout.note()).isEqualTo("no decision within PT1H");
    assertThat(timeout.at()).isEqualTo(status.finishedAt());
    assertThat(harness.searchAttribute(job, JobSearchAttributes.STAGE)).isEqualTo("EXPIRED");
    assertThat(harness.searchAttribute(job, JobSearchAttributes.APPROVAL)).isEqualTo("EXPIRED");
  }

  @Test
  void should_approve_on_behalf_of_the_timeout_when_qa_passed_and_the_action_is_auto_approve() {
    // given
    harness.start(new ScriptedActivities());
    JobWorkflow job =
        harness.submit(
            text(ApprovalPolicy.ALWAYS).toBuilder()
                .approvalTimeout(TIMEOUT)
                .onExpiry(ExpiryAction.AUTO_APPROVE)
                .build());
    JobStatus awaiting = harness.awaitStage(job, Stage.AWAITING_APPROVAL);

    // when
    JobResult result = harness.result(job);

    // then
    assertThat(result.state()).isEqualTo(Stage.APPROVED);
    assertThat(result.decidedBy()).isEqualTo("timeout");
    assertThat(result.reason()).isEqualTo("no decision within PT1H; auto-approved as QA passed");
    JobStatus status = job.status();
    assertThat(status.finishedAt())
        .isBetween(awaiting.awaiting().deadline(), awaiting.awaiting().deadline().plus(SLACK));
    assertThat(status.decisions())
        .extracting(DecisionRecord::action, DecisionRecord::via, DecisionRecord::applied)
        .containsExactly(tuple(DecisionAction.APPROVE, "timeout", true));
    assertThat(harness.searchAttribute(job, JobSearchAttributes.APPROVAL))
        .isEqualTo("AUTO_APPROVED");
  }

  @Test
  void should_expire_instead_of_auto_approving_when_qa_never_passed() {
    // given
    harness.start(new ScriptedActivities().judgeWith(r -> ScriptedActivities.fail("off topic")));
    JobWorkflow job =
        harness.submit(
            text(ApprovalPolicy.WHEN_QA_FAILS).toBuilder()
                .approvalTimeout(TIMEOUT)
                .onExpiry(ExpiryAction.AUTO_APPROVE)
                .build());
    JobStatus awaiting = harness.awaitStage(job, Stage.AWAITING_APPROVAL);

    // when
    JobResult result = harness.result(job);

    // then
    assertThat(awaiting.awaiting().qaPassed()).isFalse();
    assertThat(result.state()).isEqualTo(Stage.EXPIRED);
    assertThat(result.decidedBy()).isNull();
    assertThat(result.reason()).isEqualTo("no decision within PT1H");
    assertThat(job.status().decisions())
        .extracting(DecisionRecord::action, DecisionRecord::reviewer)
        .containsExactly(tuple(null, "timeout"));
  }

  @Test
  void should_take_a_decision_that_arrives_just_before_the_deadline() {
    // given
    harness.start(new ScriptedActivities());
    JobWorkflow job =
        harness.submit(
            text(ApprovalPolicy.ALWAYS).toBuilder()
                .approvalTimeout(TIMEOUT)
                .onExpiry(null)
                .build());
    JobStatus awaiting = harness.awaitStage(job, Stage.AWAITING_APPROVAL);

    // when 59 minutes pass on the test clock, then a reviewer approves
    harness.env().sleep(Duration.ofMinutes(59));
    job.approve(new Decision("alice", null, null));
    JobResult result = harness.result(job);

    // then
    assertThat(result.state()).isEqualTo(Stage.APPROVED);
    assertThat(result.decidedBy()).isEqualTo("alice");
    JobStatus status = job.status();
    assertThat(status.decisions().get(0).at())
        .isAfterOrEqualTo(awaiting.awaiting().since().plus(Duration.ofMinutes(59)))
        .isBefore(awaiting.awaiting().deadline());
    assertThat(status.finishedAt()).isBefore(awaiting.awaiting().deadline());
  }

  @Test
  void should_give_each_revision_its_own_full_wait_when_rejected_with_regenerate() {
    // given
    harness.start(new ScriptedActivities());
    JobWorkflow job =
        harness.submit(
            text(ApprovalPolicy.ALWAYS).toBuilder()
                .approvalTimeout(TIMEOUT)
                .onExpiry(null)
                .build());
    JobStatus first = harness.awaitStage(job, Stage.AWAITING_APPROVAL);
    harness.env().sleep(Duration.ofMinutes(45));

    // when
    job.reject(new Decision("bob", "warmer tone", true));
    JobStatus second =
        harness.awaitStatus(
            job,
            s -> s.stage() == Stage.AWAITING_APPROVAL && s.revision() == 1,
            "revision 1 awaiting approval");
    JobResult result = harness.result(job);

    // then
    assertThat(second.awaiting().since())
        .isAfterOrEqualTo(first.awaiting().since().plus(Duration.ofMinutes(45)));
    assertThat(second.awaiting().deadline()).isEqualTo(second.awaiting().since().plus(TIMEOUT));
    assertThat(result.state()).isEqualTo(Stage.EXPIRED);
    assertThat(result.revisions()).isEqualTo(1);
    assertThat(job.status().finishedAt())
        .isBetween(second.awaiting().deadline(), second.awaiting().deadline().plus(SLACK));
  }
}
