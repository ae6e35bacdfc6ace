package dev.conveyor.activities.reminder;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.conveyor.workflow.activity.ApprovalReminder;
import dev.conveyor.workflow.activity.ReminderActivities;
import dev.conveyor.workflow.activity.ReminderPlan;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.temporal.failure.ApplicationFailure;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Raises approval reminders: one log line and one count in {@code
 * conveyor_approval_reminders_total} per reminder (a workflow task retried after the reminder was
 * raised does not raise it again: the activity's completion is in the history), and the webhook
 * POST, which Temporal retries on its own.
 */
public class ReminderActivitiesImpl implements ReminderActivities {

  /** The counter's name; Prometheus shows it as {@code conveyor_approval_reminders_total}. */
  public static final String REMINDERS = "conveyor.approval.reminders";

  /** The header naming the reminder, the same on every retry. */
  public static final String IDEMPOTENCY_HEADER = "Idempotency-Key";

  private static final Logger log = LoggerFactory.getLogger(ReminderActivitiesImpl.class);

  private final ReminderSettings settings;
  private final Counter reminders;
  private final HttpClient http;
  private final ObjectMapper json = new ObjectMapper();

  public ReminderActivitiesImpl(ReminderSettings settings, MeterRegistry registry) {
    this.settings = settings;
    this.reminders =
        Counter.builder(REMINDERS)
            .description("Reminders raised before a job's approval deadline")
            .register(registry);
    this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  }

  @Override
  public ReminderPlan reminderPlan() {
    return new ReminderPlan(settings.reminderBefore(), settings.reminderWebhookUrl() != null);
  }

  @Override
  public void raise(ApprovalReminder reminder) {
    log.info(
        "approval reminder: job {} revision {} ({}) awaits a decision due by {}: {}",
        reminder.jobId(),
        reminder.revision(),
        reminder.reason(),
        reminder.deadline(),
        settings.linkTo(reminder.jobId()));
    reminders.increment();
  }

  @Override
  public void sendWebhook(ApprovalReminder reminder) {
    if (settings.reminderWebhookUrl() == null) {
      return;
    }
    HttpRequest request =
        HttpRequest.newBuilder(settings.reminderWebhookUrl())
            .timeout(Duration.ofSeconds(20))
            .header("Content-Type", "application/json")
            .header(IDEMPOTENCY_HEADER, reminder.idempotencyKey())
            .POST(HttpRequest.BodyPublishers.ofString(body(reminder)))
            .build();
    HttpResponse<String> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw ApplicationFailure.newFailureWithCause(
          "reminder webhook unreachable: " + e.getMessage(), "ReminderWebhookUnreachable", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw ApplicationFailure.newFailure("interrupted", "ReminderWebhookUnreachable");
    }
    int status = response.statusCode();
    if (status / 100 == 2) {
      log.info("job {}: reminder webhook answered {}", reminder.jobId(), status);
      return;
    }
    String message = "reminder webhook answered " + status;
    if (status / 100 == 4 && status != 408 && status != 429) {
      throw ApplicationFailure.newNonRetryableFailure(message, "ReminderWebhookRefused");
    }
    throw ApplicationFailure.newFailure(message, "ReminderWebhookFailed");
  }

  private String body(ApprovalReminder reminder) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("type", "approval-reminder");
    body.put("jobId", reminder.jobId());
    body.put("revision", reminder.revision());
    body.put("reason", reminder.reason() == null ? null : reminder.reason().name());
    body.put("deadline", String.valueOf(reminder.deadline()));
    body.put("raisedAt", String.valueOf(reminder.raisedAt()));
    body.put("link", settings.linkTo(reminder.jobId()));
    try {
      return json.writeValueAsString(body);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
