package dev.conveyor.worker.config;

import dev.conveyor.activities.reminder.ReminderSettings;
import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Reminders before a job's approval deadline, under {@code conveyor.approval}.
 *
 * @param reminderBefore how long before the deadline (default 24h; 0s turns reminders off; a job
 *     whose approval timeout is not longer than this gets none)
 * @param reminderWebhookUrl where reminders are POSTed as JSON; none by default
 * @param jobLink the link a reminder carries, {@code {jobId}} standing for the job's id
 */
@ConfigurationProperties("conveyor.approval")
public record ApprovalProperties(Duration reminderBefore, URI reminderWebhookUrl, String jobLink) {

  /** Returns the settings the reminder activities use; invalid values fail here, at start-up. */
  public ReminderSettings toSettings() {
    return new ReminderSettings(reminderBefore, reminderWebhookUrl, jobLink);
  }
}
