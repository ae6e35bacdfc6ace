package dev.conveyor.reliability;

import dev.conveyor.e2e.LocalStack;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * Malformed and out-of-turn requests, each with the status it must be answered with. Submissions
 * carry an idempotency key of their own ({@code rel-bad-<n>}) so that the suite can prove no job
 * was started for them.
 */
final class BadInputCatalogue {

  /**
   * One request of the catalogue.
   *
   * @param name what is wrong with it
   * @param expected the status it must get
   * @param jobIdIfStarted the job id it would have started, checked to exist nowhere; null when the
   *     request could not start a job
   * @param send sends it
   */
  record Case(
      String name, int expected, String jobIdIfStarted, Callable<HttpResponse<byte[]>> send) {}

  /**
   * The jobs the decisions are sent to.
   *
   * @param parked a job awaiting approval
   * @param held a job held in PROMPT by the model server
   * @param finished a job that has ended APPROVED
   * @param keyed the idempotency key of a job started with {@link JobDriver#request}
   * @param keyedMarker that job's marker
   */
  record Targets(String parked, String held, String finished, String keyed, String keyedMarker) {}

  private final LocalStack stack;
  private final List<Case> cases = new ArrayList<>();
  private int keys;

  BadInputCatalogue(LocalStack stack) {
    this.stack = stack;
  }

  /** The malformed submissions and the calls on unknown jobs: they need no job. */
  List<Case> withoutJobs() {
    String valid = JobDriver.request("rel-bad-valid", "NEVER");
    submit("missing requirements", 400, "{\"outputKind\": \"TEXT\"}");
    submit("missing outputKind", 400, "{\"requirements\": \"A haiku about queues\"}");
    submit("requirements not a string", 400, "{\"requirements\": 42, \"outputKind\": \"TEXT\"}");
    submit(
        "maxQaAttempts not a number",
        400,
        "{\"requirements\": \"A haiku\", \"outputKind\": \"TEXT\", \"maxQaAttempts\": \"three\"}");
    submit(
        "maxQaAttempts a fraction",
        400,
        "{\"requirements\": \"A haiku\", \"outputKind\": \"TEXT\", \"maxQaAttempts\": 2.5}");
    submit(
        "requirements over 20,000 characters",
        400,
        "{\"requirements\": \"" + "x".repeat(20_001) + "\", \"outputKind\": \"TEXT\"}");
    submit("unknown outputKind", 400, "{\"requirements\": \"A haiku\", \"outputKind\": \"VIDEO\"}");
    submit(
        "unknown approvalPolicy",
        400,
        "{\"requirements\": \"A haiku\", \"outputKind\": \"TEXT\", \"approvalPolicy\": \"SOMETIMES\"}");
    submit(
        "negative budget",
        400,
        "{\"requirements\": \"A haiku\", \"outputKind\": \"TEXT\", \"budgetUsd\": -1}");
    submit(
        "negative maxRevisions",
        400,
        "{\"requirements\": \"A haiku\", \"outputKind\": \"TEXT\", \"maxRevisions\": -1}");
    submit(
        "approvalTimeout not ISO-8601",
        400,
        "{\"requirements\": \"A haiku\", \"outputKind\": \"TEXT\", \"approvalTimeout\": \"72h\"}");
    submit(
        "unknown field",
        400,
        "{\"requirements\": \"A haiku\", \"outputKind\": \"TEXT\", \"maxQaAttempt\": 2}");
    submit(
        "submitter naming someone other than the caller",
        400,
        "{\"requirements\": \"A haiku\", \"outputKind\": \"TEXT\", \"submitter\": \"mallory\"}");
    String anonymousKey = key();
    add(
        "submission without an API key",
        401,
        "job-" + anonymousKey,
        () ->
            stack.send(
                HttpRequest.newBuilder(URI.create(stack.baseUrl() + "/api/jobs"))
                    .header("Content-Type", "application/json")
                    .header("Idempotency-Key", anonymousKey)
                    .POST(HttpRequest.BodyPublishers.ofString(valid))));
    String wrongKey = key();
    add(
        "submission with an unknown API key",
        401,
        "job-" + wrongKey,
        () ->
            stack.send(
                HttpRequest.newBuilder(URI.create(stack.baseUrl() + "/api/jobs"))
                    .header("Content-Type", "application/json")
                    .header(LocalStack.API_KEY_HEADER, "not-a-key")
                    .header("Idempotency-Key", wrongKey)
                    .POST(HttpRequest.BodyPublishers.ofString(valid))));
    submit("invalid JSON", 400, "{\"requirements\": \"A haiku\", ");
    submit("empty body", 400, "");
    submit("an array instead of an object", 400, "[" + valid + "]");
    byte[] big =
        (valid.substring(0, valid.length() - 1) + " ".repeat(2_000_000) + "}")
            .getBytes(StandardCharsets.UTF_8);
    String bigKey = key();
    add(
        "body of 2 MB with a length",
        413,
        "job-" + bigKey,
        () ->
            stack.send(
                stack
                    .request("/api/jobs")
                    .header("Content-Type", "application/json")
                    .header("Idempotency-Key", bigKey)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(big))));
    String chunkedKey = key();
    add(
        "body of 2 MB chunked, no length",
        413,
        "job-" + chunkedKey,
        () ->
            stack.send(
                stack
                    .request("/api/jobs")
                    .header("Content-Type", "application/json")
                    .header("Idempotency-Key", chunkedKey)
                    .POST(
                        HttpRequest.BodyPublishers.ofInputStream(
                            () -> new ByteArrayInputStream(big)))));
    String plainKey = key();
    add(
        "content type text/plain",
        415,
        "job-" + plainKey,
        () ->
            stack.send(
                stack
                    .request("/api/jobs")
                    .header("Content-Type", "text/plain")
                    .header("Idempotency-Key", plainKey)
                    .POST(HttpRequest.BodyPublishers.ofString(valid))));
    add(
        "idempotency key with spaces",
        400,
        null,
        () -> stack.call("POST", "/api/jobs", valid, Map.of("Idempotency-Key", "not a key")));
    String decision = "{\"comment\": \"reliability\"}";
    add("status of an unknown job", 404, null, () -> stack.call("GET", "/api/jobs/job-nx", null));
    add(
        "approve an unknown job",
        404,
        null,
        () -> stack.call("POST", "/api/jobs/job-nx/approve", decision));
    add(
        "reject an unknown job",
        404,
        null,
        () -> stack.call("POST", "/api/jobs/job-nx/reject", decision));
    add(
        "output of an unknown job",
        404,
        null,
        () -> stack.call("GET", "/api/jobs/job-nx/output", null));
    add(
        "cancel an unknown job",
        404,
        null,
        () -> stack.call("POST", "/api/jobs/job-nx/cancel", null));
    add("unknown path", 404, null, () -> stack.call("GET", "/api/nothing-here", null));
    return take();
  }

  /** Decisions out of turn, invalid decisions, and the reuse of an idempotency key. */
  List<Case> onJobs(Targets jobs) {
    String decision = "{\"comment\": \"reliability\"}";
    add(
        "approve a job still in PROMPT (out of turn)",
        409,
        null,
        () -> stack.call("POST", "/api/jobs/" + jobs.held() + "/approve", decision));
    add(
        "output of a job that has none yet",
        404,
        null,
        () -> stack.call("GET", "/api/jobs/" + jobs.held() + "/output", null));
    add(
        "decision with regenerate not a boolean",
        400,
        null,
        () ->
            stack.call(
                "POST", "/api/jobs/" + jobs.parked() + "/reject", "{\"regenerate\": \"yes\"}"));
    add(
        "decision naming a reviewer other than the caller",
        400,
        null,
        () ->
            stack.call(
                "POST", "/api/jobs/" + jobs.parked() + "/approve", "{\"reviewer\": \"rita\"}"));
    add(
        "decision without an API key",
        401,
        null,
        () ->
            stack.send(
                HttpRequest.newBuilder(
                        URI.create(stack.baseUrl() + "/api/jobs/" + jobs.parked() + "/approve"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(decision))));
    add(
        "decision that is not JSON",
        400,
        null,
        () -> stack.call("POST", "/api/jobs/" + jobs.parked() + "/approve", "{\"comment\": "));
    add(
        "approve a finished job",
        409,
        null,
        () -> stack.call("POST", "/api/jobs/" + jobs.finished() + "/approve", decision));
    add(
        "reject a finished job",
        409,
        null,
        () -> stack.call("POST", "/api/jobs/" + jobs.finished() + "/reject", decision));
    add(
        "cancel a finished job",
        409,
        null,
        () -> stack.call("POST", "/api/jobs/" + jobs.finished() + "/cancel", null));
    add(
        "idempotency key reused with another request",
        422,
        null,
        () ->
            stack.call(
                "POST",
                "/api/jobs",
                JobDriver.request(jobs.keyedMarker() + "-other", "NEVER"),
                Map.of("Idempotency-Key", jobs.keyed())));
    return take();
  }

  private void submit(String name, int expected, String body) {
    String key = key();
    add(
        name,
        expected,
        "job-" + key,
        () -> stack.call("POST", "/api/jobs", body, Map.of("Idempotency-Key", key)));
  }

  private String key() {
    return "rel-bad-" + keys++;
  }

  private void add(
      String name, int expected, String jobId, Callable<HttpResponse<byte[]>> request) {
    cases.add(new Case(name, expected, jobId, request));
  }

  private List<Case> take() {
    List<Case> taken = List.copyOf(cases);
    cases.clear();
    return taken;
  }
}
