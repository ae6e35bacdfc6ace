package dev.conveyor.workflow.activity;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/** Reminds reviewers of a job whose approval deadline is near. */
@ActivityInterface
public interface ReminderActivities {

  /** Returns the worker's reminder settings (run as a local activity, once per job). */
  @ActivityMethod(name = "ReminderPlan")
  ReminderPlan reminderPlan();

  /** Logs the reminder and counts it in {@code conveyor_approval_reminders_total}. */
  @ActivityMethod(name = "RaiseReminder")
  void raise(ApprovalReminder reminder);

  /**
   * POSTs the reminder to the configured webhook, with an {@code Idempotency-Key} header naming the
   * reminder, so a receiver can drop the duplicates that retries may deliver.
   */
  @ActivityMethod(name = "SendReminderWebhook")
  void sendWebhook(ApprovalReminder reminder);
}
