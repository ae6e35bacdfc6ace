package dev.conveyor.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import dev.conveyor.stack.LocalStack;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks that a job ended as expected, exactly once: its status (through REST) and its workflow
 * history (through a Temporal client) must agree that nothing was lost or counted twice.
 */
final class JobAudit {

  /** How a job came out of a scenario. */
  enum Kind {
    AS_EXPECTED,
    LOST,
    DUPLICATED
  }

  /**
   * One job's verdict.
   *
   * @param jobId the job
   * @param kind as expected, lost (not finished as expected, or a step or decision missing), or
   *     duplicated (a completion, a step, an artifact, a cost or a decision counted twice)
   * @param why what was wrong, empty when as expected
   */
  record Outcome(String jobId, Kind kind, String why) {
    static Outcome ok(String jobId) {
      return new Outcome(jobId, Kind.AS_EXPECTED, "");
    }
  }

  /**
   * What a job should look like at the end.
   *
   * @param stage the final stage
   * @param humanDecisions decisions a reviewer sent that must be applied, exactly once each
   * @param provider the provider every model call must name, or null for any
   */
  record Expected(String stage, int humanDecisions, String provider) {}

  /** Which step a model activity type serves. */
  private static final Map<String, String> STEP_OF_ACTIVITY =
      Map.of(
          "WritePrompt", "PROMPT",
          "GenerateText", "TEXT_GENERATION",
          "CheckText", "TEXT_QA");

  private final LocalStack stack;

  JobAudit(LocalStack stack) {
    this.stack = stack;
  }

  /** Returns the job's final status through REST, or null when it cannot be read. */
  JsonNode status(String jobId) throws Exception {
    for (int attempt = 0; attempt < 5; attempt++) {
      try {
        HttpResponse<byte[]> response = stack.call("GET", "/api/jobs/" + jobId, null);
        if (response.statusCode() == 200) {
          return LocalStack.json(response);
        }
        if (response.statusCode() == 404) {
          return null;
        }
      } catch (java.io.IOException e) {
        // The starter may be restarting; try again.
      }
      Thread.sleep(1_000);
    }
    return null;
  }

  Outcome audit(String jobId, Expected expected) throws Exception {
    JsonNode status = status(jobId);
    if (status == null) {
      return new Outcome(jobId, Kind.LOST, "no status");
    }
    String stage = status.path("stage").asText();
    if (!expected.stage().equals(stage)) {
      return new Outcome(
          jobId,
          Kind.LOST,
          "stage " + stage + " instead of " + expected.stage() + ": " + status.path("reason"));
    }
    List<HistoryEvent> events = stack.temporalClient().fetchHistory(jobId).getEvents();
    long completions = count(events, EventType.EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED);
    long starts = count(events, EventType.EVENT_TYPE_WORKFLOW_EXECUTION_STARTED);
    if (completions > 1 || starts > 1) {
      return new Outcome(
          jobId, Kind.DUPLICATED, starts + " starts and " + completions + " completions");
    }
    if (completions == 0) {
      return new Outcome(jobId, Kind.LOST, "no completion event in the history");
    }

    // Every activity scheduled completed exactly once, and each model step the history completed
    // was recorded once in the job's calls.
    Map<Long, String> scheduled = new HashMap<>();
    Map<Long, Integer> completed = new HashMap<>();
    for (HistoryEvent event : events) {
      if (event.getEventType() == EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED) {
        scheduled.put(
            event.getEventId(),
            event.getActivityTaskScheduledEventAttributes().getActivityType().getName());
      } else if (event.getEventType() == EventType.EVENT_TYPE_ACTIVITY_TASK_COMPLETED) {
        completed.merge(
            event.getActivityTaskCompletedEventAttributes().getScheduledEventId(), 1, Integer::sum);
      }
    }
    Map<String, Integer> stepsInHistory = new HashMap<>();
    for (Map.Entry<Long, String> activity : scheduled.entrySet()) {
      int times = completed.getOrDefault(activity.getKey(), 0);
      if (times > 1) {
        return new Outcome(jobId, Kind.DUPLICATED, activity.getValue() + " completed " + times);
      }
      if (times == 0) {
        return new Outcome(jobId, Kind.LOST, activity.getValue() + " never completed");
      }
      String step = STEP_OF_ACTIVITY.get(activity.getValue());
      if (step != null) {
        stepsInHistory.merge(step, 1, Integer::sum);
      }
    }
    Map<String, Integer> stepsRecorded = new HashMap<>();
    long inputTokens = 0;
    long outputTokens = 0;
    BigDecimal cost = BigDecimal.ZERO;
    for (JsonNode call : status.path("calls")) {
      stepsRecorded.merge(call.path("step").asText(), 1, Integer::sum);
      inputTokens += call.path("inputTokens").asLong();
      outputTokens += call.path("outputTokens").asLong();
      cost = cost.add(call.path("costUsd").decimalValue());
      if (expected.provider() != null
          && !expected.provider().equals(call.path("provider").asText())) {
        return new Outcome(jobId, Kind.LOST, "a call served by " + call.path("provider"));
      }
    }
    if (!stepsRecorded.equals(stepsInHistory)) {
      boolean more =
          stepsRecorded.values().stream().mapToInt(Integer::intValue).sum()
              > stepsInHistory.values().stream().mapToInt(Integer::intValue).sum();
      return new Outcome(
          jobId,
          more ? Kind.DUPLICATED : Kind.LOST,
          "calls recorded " + stepsRecorded + " but history completed " + stepsInHistory);
    }
    if (inputTokens != status.path("inputTokens").asLong()
        || outputTokens != status.path("outputTokens").asLong()
        || cost.compareTo(status.path("costUsd").decimalValue()) != 0) {
      return new Outcome(
          jobId,
          Kind.DUPLICATED,
          "totals "
              + status.path("inputTokens")
              + "/"
              + status.path("outputTokens")
              + "/"
              + status.path("costUsd")
              + " differ from the calls' sums "
              + inputTokens
              + "/"
              + outputTokens
              + "/"
              + cost);
    }

    // One attempt record per (revision, attempt), and no output artifact recorded twice.
    Set<String> attempts = new HashSet<>();
    Set<String> outputs = new HashSet<>();
    for (JsonNode attempt : status.path("attempts")) {
      String key = attempt.path("revision").asInt() + "/" + attempt.path("attempt").asInt();
      if (!attempts.add(key)) {
        return new Outcome(jobId, Kind.DUPLICATED, "attempt " + key + " recorded twice");
      }
      String sha = attempt.path("output").path("sha256").asText();
      if (!outputs.add(key + " " + sha)) {
        return new Outcome(jobId, Kind.DUPLICATED, "output of attempt " + key + " twice");
      }
    }
    if (attempts.size() != stepsInHistory.getOrDefault("TEXT_GENERATION", 0)) {
      return new Outcome(
          jobId,
          Kind.DUPLICATED,
          attempts.size() + " attempts for " + stepsInHistory + " generations");
    }

    // Decisions: the reviewer's applied exactly once, none ignored, one accepted update each.
    int applied = 0;
    int ignored = 0;
    for (JsonNode decision : status.path("decisions")) {
      String via = decision.path("via").asText();
      if (via.equals("update") || via.equals("signal")) {
        if (decision.path("applied").asBoolean()) {
          applied++;
        } else {
          ignored++;
        }
      }
    }
    long acceptedUpdates = count(events, EventType.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ACCEPTED);
    if (applied > expected.humanDecisions() || acceptedUpdates > expected.humanDecisions()) {
      return new Outcome(
          jobId, Kind.DUPLICATED, applied + " decisions applied, " + acceptedUpdates + " updates");
    }
    if (applied < expected.humanDecisions()) {
      return new Outcome(jobId, Kind.LOST, "decision lost: " + applied + " applied");
    }
    if (ignored > 0) {
      return new Outcome(jobId, Kind.DUPLICATED, ignored + " decisions recorded as ignored");
    }
    return Outcome.ok(jobId);
  }

  private static long count(List<HistoryEvent> events, EventType type) {
    return events.stream().filter(e -> e.getEventType() == type).count();
  }
}
