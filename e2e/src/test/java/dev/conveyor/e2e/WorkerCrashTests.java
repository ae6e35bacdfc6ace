package dev.conveyor.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.common.WorkflowExecutionHistory;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A worker JVM killed with SIGKILL loses nothing: once during GENERATE (the model call is under
 * way) and once while the job waits for approval. A new worker finishes the job, which ends
 * APPROVED exactly once, with no step counted twice.
 */
class WorkerCrashTests {

  /** Every offline model call takes this long, so the kill lands in the middle of one. */
  private static final String LATENCY = "--conveyor.offline.latency=4s";

  private LocalStack stack;

  @BeforeEach
  void startStack() throws Exception {
    stack = new LocalStack(LocalStack.tempDir("conveyor-crash"));
    stack.startStarter();
  }

  @AfterEach
  void stopStack() throws Exception {
    if (stack != null) {
      stack.close();
    }
  }

  @Test
  void job_survives_sigkill_of_its_worker_during_generate_and_while_awaiting_approval()
      throws Exception {
    JavaProcess first = stack.startWorker(LATENCY);
    HttpResponse<byte[]> submitted =
        stack.call(
            "POST",
            "/api/jobs",
            "{\"requirements\": \"A haiku about durable workflows and patient servers\","
                + " \"outputKind\": \"TEXT\"}");
    assertThat(submitted.statusCode()).isEqualTo(201);
    String jobId = LocalStack.json(submitted).get("jobId").asText();

    stack.awaitStatus(
        jobId, s -> "GENERATE".equals(s.get("stage").asText()), Duration.ofMinutes(1));
    Thread.sleep(1_500); // The generation call is now running on the first worker.
    first.kill9();

    JavaProcess second = stack.startWorker(LATENCY);
    JsonNode awaiting =
        stack.awaitStatus(
            jobId, s -> "AWAITING_APPROVAL".equals(s.get("stage").asText()), Duration.ofMinutes(2));
    second.kill9();

    stack.startWorker(LATENCY);
    HttpResponse<byte[]> approved = stack.call("POST", "/api/jobs/" + jobId + "/approve", null);
    assertThat(approved.statusCode()).isEqualTo(200);
    JsonNode done =
        stack.awaitStatus(
            jobId, s -> "APPROVED".equals(s.get("stage").asText()), Duration.ofMinutes(1));

    // One generation and one QA verdict: the killed attempt was retried, not counted twice.
    assertThat(awaiting.get("attempts")).hasSize(1);
    assertThat(done.get("attempts")).hasSize(1);
    assertThat(done.get("calls")).hasSize(3);
    assertThat(done.get("decisions")).hasSize(1);
    assertThat(done.get("decisions").get(0).get("applied").asBoolean()).isTrue();

    WorkflowExecutionHistory history = stack.temporalClient().fetchHistory(jobId);
    List<HistoryEvent> events = history.getEvents();
    assertThat(count(events, EventType.EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED)).isEqualTo(1);
    assertThat(count(events, EventType.EVENT_TYPE_WORKFLOW_EXECUTION_FAILED)).isZero();
    assertThat(count(events, EventType.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ACCEPTED)).isEqualTo(1);
    HistoryEvent generated =
        events.stream()
            .filter(e -> e.getEventType() == EventType.EVENT_TYPE_ACTIVITY_TASK_STARTED)
            .filter(e -> e.getActivityTaskStartedEventAttributes().getAttempt() > 1)
            .findFirst()
            .orElseThrow(() -> new AssertionError("no activity was retried after the kill"));
    assertThat(generated.getActivityTaskStartedEventAttributes().getAttempt()).isEqualTo(2);
  }

  private static long count(List<HistoryEvent> events, EventType type) {
    return events.stream().filter(e -> e.getEventType() == type).count();
  }
}
