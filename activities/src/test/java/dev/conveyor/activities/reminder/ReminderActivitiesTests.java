package dev.conveyor.activities.reminder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.conveyor.workflow.activity.ApprovalReminder;
import dev.conveyor.workflow.activity.ReminderPlan;
import dev.conveyor.workflow.model.ApprovalReason;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.temporal.failure.ApplicationFailure;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The reminder activities: the plan, the metric and the webhook against a local HTTP server. */
class ReminderActivitiesTests {

  private static final ApprovalReminder REMINDER =
      new ApprovalReminder(
          "job-7",
          1,
          ApprovalReason.REVISION,
          Instant.parse("2026-03-04T09:00:00Z"),
          Instant.parse("2026-03-03T09:00:00Z"));

  private final List<String> bodies = new CopyOnWriteArrayList<>();
  private final List<String> keys = new CopyOnWriteArrayList<>();
  private final AtomicInteger status = new AtomicInteger(204);
  private HttpServer server;

  @AfterEach
  void stop() {
    if (server != null) {
      server.stop(0);
    }
  }

  @Test
  void should_count_each_reminder_raised_in_the_metric() {
    // given
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    ReminderActivitiesImpl activities =
        new ReminderActivitiesImpl(ReminderSettings.defaults(), registry);

    // when
    activities.raise(REMINDER);
    activities.raise(REMINDER);

    // then
    assertThat(registry.get(ReminderActivitiesImpl.REMINDERS).counter().count()).isEqualTo(2.0);
    assertThat(activities.reminderPlan()).isEqualTo(new ReminderPlan(Duration.ofHours(24), false));
  }

  @Test
  void should_post_the_reminder_as_json_with_an_idempotency_key() throws Exception {
    // given
    ReminderActivitiesImpl activities = withWebhook();

    // when
    activities.sendWebhook(REMINDER);
    activities.sendWebhook(REMINDER);

    // then
    assertThat(activities.reminderPlan().webhook()).isTrue();
    assertThat(keys).containsExactly("job-7:revision-1:reminder", "job-7:revision-1:reminder");
    JsonNode body = new ObjectMapper().readTree(bodies.get(0));
    assertThat(body.path("jobId").asText()).isEqualTo("job-7");
    assertThat(body.path("revision").asInt()).isEqualTo(1);
    assertThat(body.path("reason").asText()).isEqualTo("REVISION");
    assertThat(body.path("deadline").asText()).isEqualTo("2026-03-04T09:00:00Z");
    assertThat(body.path("link").asText()).isEqualTo("https://conveyor.example/jobs/job-7");
  }

  @Test
  void should_fail_retryably_on_a_server_error_and_for_good_on_a_client_error() throws Exception {
    // given
    ReminderActivitiesImpl activities = withWebhook();

    // when, then
    status.set(503);
    assertThatThrownBy(() -> activities.sendWebhook(REMINDER))
        .isInstanceOfSatisfying(
            ApplicationFailure.class, failure -> assertThat(failure.isNonRetryable()).isFalse())
        .hasMessageContaining("reminder webhook answered 503");
    status.set(404);
    assertThatThrownBy(() -> activities.sendWebhook(REMINDER))
        .isInstanceOfSatisfying(
            ApplicationFailure.class, failure -> assertThat(failure.isNonRetryable()).isTrue());
  }

  @Test
  void should_refuse_a_webhook_url_that_is_not_http_and_a_negative_reminder() {
    assertThatThrownBy(() -> new ReminderSettings(null, URI.create("ftp://example.com/hook"), null))
        .hasMessageContaining("conveyor.approval.reminder-webhook-url");
    assertThatThrownBy(() -> new ReminderSettings(Duration.ofHours(-1), null, null))
        .hasMessageContaining("conveyor.approval.reminder-before");
  }

  private ReminderActivitiesImpl withWebhook() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/hook",
        exchange -> {
          bodies.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
          keys.add(exchange.getRequestHeaders().getFirst("Idempotency-Key"));
          exchange.sendResponseHeaders(status.get(), -1);
          exchange.close();
        });
    server.start();
    URI hook = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/hook");
    return new ReminderActivitiesImpl(
        new ReminderSettings(Duration.ofHours(24), hook, "https://conveyor.example/jobs/{jobId}"),
        new SimpleMeterRegistry());
  }
}
