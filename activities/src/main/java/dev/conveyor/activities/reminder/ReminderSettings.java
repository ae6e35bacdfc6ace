package dev.conveyor.activities.reminder;

import java.net.URI;
import java.time.Duration;

/**
 * How reviewers are reminded of a job awaiting a decision, as configured under {@code
 * conveyor.approval}.
 *
 * @param reminderBefore how long before the approval deadline the reminder is raised (default 24
 *     hours); zero turns reminders off, and a job whose approval timeout is not longer gets none
 * @param reminderWebhookUrl where reminders are POSTed as JSON, null for no webhook
 * @param jobLink the link a reminder carries, with {@code {jobId}} standing for the job's id
 */
public record ReminderSettings(Duration reminderBefore, URI reminderWebhookUrl, String jobLink) {

  /** The default reminder: a day before the deadline. */
  public static final Duration DEFAULT_BEFORE = Duration.ofHours(24);

  /** The default link: the job's status in the REST API. */
  public static final String DEFAULT_JOB_LINK = "http://localhost:8080/console/jobs/{jobId}";

  public ReminderSettings {
    reminderBefore = reminderBefore == null ? DEFAULT_BEFORE : reminderBefore;
    if (reminderBefore.isNegative()) {
      throw new IllegalArgumentException(
          "conveyor.approval.reminder-before must not be negative, was " + reminderBefore);
    }
    if (reminderWebhookUrl != null
        && !("http".equals(reminderWebhookUrl.getScheme())
            || "https".equals(reminderWebhookUrl.getScheme()))) {
      throw new IllegalArgumentException(
          "conveyor.approval.reminder-webhook-url must be an http or https URL, was "
              + reminderWebhookUrl);
    }
    jobLink = jobLink == null || jobLink.isBlank() ? DEFAULT_JOB_LINK : jobLink;
  }

  /** Returns the defaults: a day before, no webhook. */
  public static ReminderSettings defaults() {
    return new ReminderSettings(null, null, null);
  }

  /** Returns the link to a job. */
  public String linkTo(String jobId) {
    return jobLink.replace("{jobId}", jobId);
  }
}
