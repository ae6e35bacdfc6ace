package dev.conveyor.workflow;

import dev.conveyor.workflow.activity.ApprovalReminder;
import dev.conveyor.workflow.activity.ReminderActivities;
import dev.conveyor.workflow.activity.ReminderPlan;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.CanceledFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.Functions;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;

/**
 * Reminds reviewers when a job's approval deadline is near: the wait for a decision is split at
 * {@code before} the deadline, where the job raises a reminder (a log line and a metric in the
 * worker, an event in the job store's timeline, and an optional webhook POST).
 *
 * <p>The worker's settings reach the job through a local activity, read once when the job first
 * waits. Version {@value JobVersions#APPROVAL_REMINDER} 1 turns reminders on; histories recorded
 * before wait with a single timer, as they did.
 */
final class ApprovalReminders {

  private static final Logger log = Workflow.getLogger(ApprovalReminders.class);

  private final boolean enabled;
  private ReminderPlan plan;

  private ApprovalReminders(boolean enabled) {
    this.enabled = enabled;
  }

  /** Returns the reminders of the running job; reads its version once. */
  static ApprovalReminders start() {
    return new ApprovalReminders(JobVersions.remindsReviewers());
  }

  /**
   * Waits up to {@code timeout} for {@code decided}; raises the reminder {@code due} names when the
   * deadline is {@code before} away and nothing is decided yet, then tells {@code raised}.
   *
   * @return whether {@code decided} became true within the timeout
   */
  boolean await(
      Duration timeout,
      Supplier<Boolean> decided,
      Supplier<ApprovalReminder> due,
      Consumer<ApprovalReminder> raised) {
    if (!enabled) {
      return Workflow.await(timeout, decided);
    }
    ReminderPlan current = plan();
    if (!current.remindsWithin(timeout)) {
      return Workflow.await(timeout, decided);
    }
    if (Workflow.await(timeout.minus(current.before()), decided)) {
      return true;
    }
    ApprovalReminder reminder = due.get();
    raise(reminder, current);
    raised.accept(reminder);
    return Workflow.await(current.before(), decided);
  }

  private ReminderPlan plan() {
    if (plan == null) {
      try {
        plan =
            Workflow.newLocalActivityStub(
                    ReminderActivities.class, JobActivityOptions.REMINDER_PLAN)
                .reminderPlan();
      } catch (ActivityFailure e) {
        rethrowCancellation(e);
        log.warn("no reminder settings, so no reminders: {}", JobTexts.rootMessage(e));
        plan = ReminderPlan.off();
      }
    }
    return plan;
  }

  private void raise(ApprovalReminder reminder, ReminderPlan current) {
    log.info(
        "job {}: reminder, the decision on revision {} is due by {}",
        reminder.jobId(),
        reminder.revision(),
        reminder.deadline());
    try {
      Workflow.newActivityStub(ReminderActivities.class, JobActivityOptions.REMINDER_RAISE)
          .raise(reminder);
    } catch (ActivityFailure e) {
      rethrowCancellation(e);
      log.warn("job {}: reminder not counted: {}", reminder.jobId(), JobTexts.rootMessage(e));
    }
    if (current.webhook()) {
      ReminderActivities webhook =
          Workflow.newActivityStub(ReminderActivities.class, JobActivityOptions.REMINDER_WEBHOOK);
      Functions.Proc1<ApprovalReminder> send = webhook::sendWebhook;
      Async.procedure(send, reminder)
          .exceptionally(
              failure -> {
                log.warn(
                    "job {}: reminder webhook gave up: {}",
                    reminder.jobId(),
                    JobTexts.rootMessage(failure));
                return null;
              });
    }
  }

  private static void rethrowCancellation(ActivityFailure e) {
    if (e.getCause() instanceof CanceledFailure) {
      throw e;
    }
  }
}
