package dev.conveyor.workflow;

import static dev.conveyor.workflow.JobRequests.text;
import static org.assertj.core.api.Assertions.assertThat;

import dev.conveyor.workflow.activity.ApprovalReminder;
import dev.conveyor.workflow.activity.JobEvent;
import dev.conveyor.workflow.activity.JobEventType;
import dev.conveyor.workflow.activity.ReminderPlan;
import dev.conveyor.workflow.model.ApprovalReason;
import dev.conveyor.workflow.model.Decision;
import dev.conveyor.workflow.model.JobResult;
import dev.conveyor.workflow.model.JobStatus;
import dev.conveyor.workflow.model.Stage;
import dev.conveyor.workflow.testing.JobWorkflowHarness;
import dev.conveyor.workflow.testing.ScriptedActivities;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The reminder before the approval deadline, on the test environment's skipping clock. */
class JobWorkflowReminderTests {

  private static final Duration TIMEOUT = Duration.ofHours(4);
  private static final Duration BEFORE = Duration.ofHours(1);

  /** How much real time the workers may add to the skipped time, for the assertions' margins. */
  private static final Duration SLACK = Duration.ofSeconds(30);

  private final JobWorkflowHarness harness = new JobWorkflowHarness();

  @AfterEach
  void closeEnvironment() {
    harness.close();
  }

  @Test
  void should_remind_once_before_the_deadline_then_expire_when_nobody_decides() {
    // given
    ScriptedActivities activities = new ScriptedActivities().remind(new ReminderPlan(BEFORE, true));
    harness.start(activities);
    JobWorkflow job = harness.submit(text().toBuilder().approvalTimeout(TIMEOUT).build());
    JobStatus awaiting = harness.awaitStage(job, Stage.AWAITING_APPROVAL);
    Instant deadline = awaiting.awaiting().deadline();

    // when
    JobResult result = harness.result(job);

    // then
    assertThat(result.state()).isEqualTo(Stage.EXPIRED);
    assertThat(activities.reminders()).hasSize(1);
    ApprovalReminder reminder = activities.reminders().get(0);
    assertThat(reminder.jobId()).isEqualTo(awaiting.jobId());
    assertThat(reminder.revision()).isZero();
    assertThat(reminder.reason()).isEqualTo(ApprovalReason.POLICY);
    assertThat(reminder.deadline()).isEqualTo(deadline);
    assertThat(reminder.raisedAt())
        .isBetween(deadline.minus(BEFORE), deadline.minus(BEFORE).plus(SLACK));
    assertThat(reminder.idempotencyKey()).isEqualTo(awaiting.jobId() + ":revision-0:reminder");
    assertThat(activities.webhooks()).containsExactly(reminder);
    assertThat(job.status().finishedAt()).isBetween(deadline, deadline.plus(SLACK));
    List<JobEvent> reminders =
        activities.storeWrites().stream()
            .flatMap(w -> w.events().stream())
            .filter(e -> e.type() == JobEventType.REMINDER)
            .toList();
    assertThat(reminders).hasSize(1);
    assertThat(reminders.get(0).detail()).isEqualTo("decision on revision 0 due by " + deadline);
    assertThat(reminders.get(0).at()).isEqualTo(reminder.raisedAt());
  }

  @Test
  void should_remind_without_webhook_and_still_take_a_decision_after_the_reminder() {
    // given
    ScriptedActivities activities =
        new ScriptedActivities().remind(new ReminderPlan(BEFORE, false));
    harness.start(activities);
    JobWorkflow job = harness.submit(text().toBuilder().approvalTimeout(TIMEOUT).build());
    harness.awaitStage(job, Stage.AWAITING_APPROVAL);
    harness.env().sleep(TIMEOUT.minus(BEFORE).plusMinutes(5));

    // when
    job.approve(new Decision("alice", "just in time", null));
    JobResult result = harness.result(job);

    // then
    assertThat(result.state()).isEqualTo(Stage.APPROVED);
    assertThat(activities.reminders()).hasSize(1);
    assertThat(activities.webhooks()).isEmpty();
  }

  @Test
  void should_not_remind_when_the_decision_comes_before_the_reminder() {
    // given
    ScriptedActivities activities = new ScriptedActivities().remind(new ReminderPlan(BEFORE, true));
    harness.start(activities);
    JobWorkflow job = harness.submit(text().toBuilder().approvalTimeout(TIMEOUT).build());
    harness.awaitStage(job, Stage.AWAITING_APPROVAL);

    // when
    job.approve(new Decision("alice", null, null));
    JobResult result = harness.result(job);

    // then
    assertThat(result.state()).isEqualTo(Stage.APPROVED);
    assertThat(activities.reminders()).isEmpty();
    assertThat(activities.invocations()).doesNotContain("RaiseReminder");
  }

  @Test
  void should_not_remind_when_the_approval_timeout_is_not_longer_than_the_reminder() {
    // given
    ScriptedActivities activities =
        new ScriptedActivities().remind(new ReminderPlan(TIMEOUT, true));
    harness.start(activities);

    // when
    JobResult result =
        harness.result(harness.submit(text().toBuilder().approvalTimeout(TIMEOUT).build()));

    // then
    assertThat(result.state()).isEqualTo(Stage.EXPIRED);
    assertThat(activities.reminders()).isEmpty();
    assertThat(activities.webhooks()).isEmpty();
  }
}
