package dev.conveyor.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import dev.conveyor.stack.LocalStack;
import io.temporal.client.WorkflowStub;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Drives jobs over REST as a client service would: submits (retrying through a starter restart),
 * approves (retrying through a worker crash), reads stages, and waits for many jobs at once.
 */
final class JobDriver implements AutoCloseable {

  /** The requirements of every job; each adds its marker, {@code Reference rel-...-n.} */
  static final String REQUIREMENTS =
      "A short product description of a waterproof hiking backpack with a thirty litre capacity,"
          + " padded shoulder straps and a rain cover, for a spring sale newsletter.";

  /** How a reviewer's approval ended. */
  enum Approval {
    /** The call answered 200: the job acted on it. */
    APPLIED,
    /** A retry answered 409 after an earlier try, cut short by the crash, had been applied. */
    APPLIED_BEFORE,
    /** The decision never got through. */
    FAILED
  }

  private final LocalStack stack;
  private final ExecutorService pool = Executors.newFixedThreadPool(16);

  JobDriver(LocalStack stack) {
    this.stack = stack;
  }

  /** Returns a job request's JSON with its marker in the requirements. */
  static String request(String marker, String approvalPolicy) {
    return "{\"requirements\": \""
        + REQUIREMENTS
        + " Reference "
        + marker
        + ".\", \"outputKind\": \"TEXT\", \"approvalPolicy\": \""
        + approvalPolicy
        + "\", \"tags\": [\"reliability\"]}";
  }

  /** Submits once and returns the job id; fails on anything but 201. */
  String submit(String body) throws Exception {
    HttpResponse<byte[]> response = stack.call("POST", "/api/jobs", body);
    if (response.statusCode() != 201) {
      throw new AssertionError(
          "submission answered " + response.statusCode() + ": " + new String(response.body()));
    }
    return LocalStack.json(response).get("jobId").asText();
  }

  /** Submits {@code count} jobs in parallel, marked {@code rel-<scenario>-<i>}. */
  List<String> submitAll(String scenario, int from, int count, String approvalPolicy)
      throws Exception {
    List<Future<String>> futures = new ArrayList<>();
    for (int i = from; i < from + count; i++) {
      String body = request("rel-" + scenario + "-" + i, approvalPolicy);
      futures.add(pool.submit(() -> submit(body)));
    }
    List<String> ids = new ArrayList<>();
    for (Future<String> future : futures) {
      ids.add(future.get(2, TimeUnit.MINUTES));
    }
    return ids;
  }

  /** Returns each job's stage through REST, read in parallel; "?" when it cannot be read. */
  Map<String, String> stages(Collection<String> ids) throws Exception {
    Map<String, Future<String>> futures = new HashMap<>();
    for (String id : ids) {
      futures.put(id, pool.submit(() -> stage(id)));
    }
    Map<String, String> stages = new HashMap<>();
    for (Map.Entry<String, Future<String>> entry : futures.entrySet()) {
      stages.put(entry.getKey(), entry.getValue().get(1, TimeUnit.MINUTES));
    }
    return stages;
  }

  private String stage(String id) {
    try {
      HttpResponse<byte[]> response = stack.call("GET", "/api/jobs/" + id, null);
      return response.statusCode() == 200 ? LocalStack.json(response).path("stage").asText() : "?";
    } catch (Exception e) {
      return "?";
    }
  }

  /** Waits until every job is in the stage; fails with the stages seen last. */
  void awaitStage(Collection<String> ids, String stage, Duration timeout) throws Exception {
    awaitStages(ids, Set.of(stage), timeout);
  }

  /** Waits until every job is in one of the stages; fails with the stages seen last. */
  void awaitStages(Collection<String> ids, Set<String> stages, Duration timeout) throws Exception {
    Instant deadline = Instant.now().plus(timeout);
    Map<String, String> last = Map.of();
    while (Instant.now().isBefore(deadline)) {
      last = stages(ids);
      if (stages.containsAll(last.values())) {
        return;
      }
      Thread.sleep(300);
    }
    throw new AssertionError("not all jobs reached " + stages + " in " + timeout + ": " + last);
  }

  /**
   * Approves a job, retrying while the call fails (a dead worker, a restarting starter) until the
   * deadline. A 409 after an earlier try means the earlier try was applied when the job shows one
   * applied decision.
   */
  Approval approve(String id, Duration timeout) throws Exception {
    Instant deadline = Instant.now().plus(timeout);
    boolean tried = false;
    while (Instant.now().isBefore(deadline)) {
      try {
        HttpResponse<byte[]> response =
            stack.call("POST", "/api/jobs/" + id + "/approve", "{\"comment\": \"reliability\"}");
        if (response.statusCode() == 200) {
          return Approval.APPLIED;
        }
        if (response.statusCode() == 409 && tried && appliedDecisions(id) == 1) {
          return Approval.APPLIED_BEFORE;
        }
        if (response.statusCode() < 500 && response.statusCode() != 409) {
          throw new AssertionError(
              "approval of "
                  + id
                  + " answered "
                  + response.statusCode()
                  + ": "
                  + new String(response.body()));
        }
      } catch (IOException e) {
        // Timed out or refused while the worker or the starter was down: try again.
      }
      tried = true;
      Thread.sleep(1_000);
    }
    return Approval.FAILED;
  }

  /** Approves every job in parallel; returns each one's outcome. */
  Map<String, Future<Approval>> approveAll(Collection<String> ids, Duration timeout) {
    Map<String, Future<Approval>> futures = new HashMap<>();
    for (String id : ids) {
      futures.put(id, pool.submit(() -> approve(id, timeout)));
    }
    return futures;
  }

  private int appliedDecisions(String id) throws Exception {
    HttpResponse<byte[]> response = stack.call("GET", "/api/jobs/" + id, null);
    int applied = 0;
    for (JsonNode decision : LocalStack.json(response).path("decisions")) {
      if (decision.path("applied").asBoolean() && !"policy".equals(decision.path("via").asText())) {
        applied++;
      }
    }
    return applied;
  }

  /**
   * Waits for every job's workflow to close, through Temporal (long polls, not REST polling), and
   * returns the ids that did not close in time.
   */
  List<String> awaitClosed(Collection<String> ids, Duration timeout) {
    Instant deadline = Instant.now().plus(timeout);
    Map<String, CompletableFuture<JsonNode>> results = new HashMap<>();
    for (String id : ids) {
      WorkflowStub stub = stack.temporalClient().newUntypedWorkflowStub(id);
      results.put(
          id,
          stub.getResultAsync(timeout.toMillis(), TimeUnit.MILLISECONDS, JsonNode.class)
              .exceptionally(e -> null));
    }
    List<String> open = new ArrayList<>();
    for (Map.Entry<String, CompletableFuture<JsonNode>> result : results.entrySet()) {
      long left = Math.max(1, Duration.between(Instant.now(), deadline).toMillis());
      try {
        if (result.getValue().get(left, TimeUnit.MILLISECONDS) == null) {
          open.add(result.getKey());
        }
      } catch (Exception e) {
        open.add(result.getKey());
      }
    }
    return open;
  }

  /** Runs the audit of every job in parallel. */
  List<JobAudit.Outcome> auditAll(
      Collection<String> ids, Function<String, JobAudit.Expected> expected) throws Exception {
    JobAudit audit = new JobAudit(stack);
    List<Future<JobAudit.Outcome>> futures = new ArrayList<>();
    for (String id : ids) {
      futures.add(pool.submit(() -> audit.audit(id, expected.apply(id))));
    }
    List<JobAudit.Outcome> outcomes = new ArrayList<>();
    for (Future<JobAudit.Outcome> future : futures) {
      outcomes.add(future.get(5, TimeUnit.MINUTES));
    }
    return outcomes;
  }

  ExecutorService pool() {
    return pool;
  }

  @Override
  public void close() {
    pool.shutdownNow();
  }
}
