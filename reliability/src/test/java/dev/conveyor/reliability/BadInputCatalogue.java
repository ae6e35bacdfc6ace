package dev.conveyor.reliability;

import dev.conveyor.stack.LocalStack;
import dev.conveyor.starter.cli.ConveyorCli;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * Malformed and out-of-turn requests, each with the answer it must get: over REST (every endpoint,
 * errors of the servlet container included), through the console's forms (CSRF, roles, oversized
 * and unstorable comments) and through the command line's arguments (an exit code and one line).
 * Submissions carry an idempotency key of their own ({@code rel-bad-<n>}) so that the suite can
 * prove no job was started for them.
 */
final class BadInputCatalogue {

  /**
   * One request of the catalogue.
   *
   * @param name what is wrong with it
   * @param expected the HTTP status, or the command line's exit code, it must get
   * @param jobIdIfStarted the job id it would have started, checked to exist nowhere; null when the
   *     request could not start a job
   * @param send sends it
   */
  record Case(String name, int expected, String jobIdIfStarted, Callable<Answer> send) {}

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
    submit(
        "requirements holding the NUL character",
        400,
        "{\"requirements\": \"A haiku\\u0000\", \"outputKind\": \"TEXT\"}");
    submit(
        "a tag holding the NUL character",
        400,
        "{\"requirements\": \"A haiku\", \"outputKind\": \"TEXT\", \"tags\": [\"a\\u0000\"]}");
    submit(
        "a QA criterion holding the NUL character",
        400,
        "{\"requirements\": \"A haiku\", \"outputKind\": \"TEXT\", \"qaCriteria\": [\"\\u0000\"]}");
    submit(
        "duplicate key",
        400,
        "{\"requirements\": \"A haiku\", \"outputKind\": \"TEXT\", \"outputKind\": \"IMAGE\"}");
    submit(
        "scoreThreshold above 1",
        400,
        "{\"requirements\": \"A haiku\", \"outputKind\": \"TEXT\", \"scoreThreshold\": 1.5}");
    submit(
        "approvalTimeout over 365 days",
        400,
        "{\"requirements\": \"A haiku\", \"outputKind\": \"TEXT\", \"approvalTimeout\": \"P400D\"}");
    submit(
        "tags a string instead of an array",
        400,
        "{\"requirements\": \"A haiku\", \"outputKind\": \"TEXT\", \"tags\": \"poems\"}");
    submit(
        "21 tags",
        400,
        "{\"requirements\": \"A haiku\", \"outputKind\": \"TEXT\", \"tags\": ["
            + "\"t\",".repeat(20)
            + "\"t\"]}");
    submit(
        "a blank QA criterion",
        400,
        "{\"requirements\": \"A haiku\", \"outputKind\": \"TEXT\", \"qaCriteria\": [\" \"]}");
    add(
        "encoded slash in a job id (%2F)",
        400, null, () -> stack.call("GET", "/api/jobs/job-a%2Fb", null));
    answer("malformed URI (%zz)", 400, null, () -> raw("GET /api/jobs/job-%zz HTTP/1.1"));
    add(
        "DELETE on the jobs collection (405)",
        405,
        null,
        () -> stack.call("DELETE", "/api/jobs", null));
    add(
        "listing with an unknown filter",
        400,
        null,
        () -> stack.call("GET", "/api/jobs?colour=blue", null));
    add("listing with page size 0", 400, null, () -> stack.call("GET", "/api/jobs?size=0", null));
    add(
        "listing by a tag holding the NUL character",
        400,
        null,
        () -> stack.call("GET", "/api/jobs?tag=a%00b", null));
    add(
        "timeline of an unknown job",
        404,
        null,
        () -> stack.call("GET", "/api/jobs/job-nx/timeline", null));
    cli();
    return take();
  }

  /** The command line's bad arguments: each ends with an exit code and one line, sends nothing. */
  private void cli() {
    command("submit without --kind", 2, null, "submit", "--requirements", "A haiku");
    String video = key();
    command(
        "submit with an unknown --kind",
        2,
        video,
        "submit",
        "--kind",
        "VIDEO",
        "--requirements",
        "A haiku",
        "--key",
        video);
    String three = key();
    command(
        "submit with --max-qa-attempts three",
        2,
        three,
        "submit",
        "--kind",
        "TEXT",
        "--requirements",
        "A haiku",
        "--max-qa-attempts",
        "three",
        "--key",
        three);
    String missingFile = key();
    command(
        "submit with a --requirements-file that does not exist",
        2,
        missingFile,
        "submit",
        "--kind",
        "TEXT",
        "--requirements-file",
        "/nonexistent/requirements.txt",
        "--key",
        missingFile);
    command(
        "submit naming a --submitter",
        2,
        null,
        "submit",
        "--kind",
        "TEXT",
        "--requirements",
        "A haiku",
        "--submitter",
        "mallory");
    String nul = key();
    command(
        "submit with requirements holding the NUL character",
        2,
        nul,
        "submit",
        "--kind",
        "TEXT",
        "--requirements",
        "A haiku\u0000",
        "--key",
        nul);
    command(
        "submit with an idempotency key with spaces",
        2,
        null,
        "submit",
        "--kind",
        "TEXT",
        "--requirements",
        "A haiku",
        "--key",
        "not a key");
    command("status of an unknown job", 3, null, "status", "job-nx");
    command("approve without a job id", 2, null, "approve");
    command("reject with --comment but no value", 2, null, "reject", "job-nx", "--comment");
    command("output without --to", 2, null, "output", "job-nx");
    command("an unknown command", 2, null, "frobnicate");
  }

  private void command(String name, int expected, String key, String... args) {
    answer(
        "CLI: " + name,
        expected,
        key == null ? null : "job-" + key,
        () -> cli(stack.apiKey(), args));
  }

  /** Runs the command line in this JVM against the stack; the answer is its exit code and line. */
  private Answer cli(String apiKey, String... args) {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    List<String> withUrl = new ArrayList<>(List.of(args));
    if (!withUrl.isEmpty() && ConveyorCli.COMMANDS.contains(withUrl.get(0))) {
      withUrl.add("--url");
      withUrl.add(stack.baseUrl());
    }
    int code =
        new ConveyorCli(
                new PrintStream(OutputStream.nullOutputStream()),
                new PrintStream(err, true, StandardCharsets.UTF_8),
                Map.of("CONVEYOR_API_KEY", apiKey),
                Duration.ofMillis(200))
            .run(withUrl.toArray(String[]::new));
    String line = err.toString(StandardCharsets.UTF_8).strip();
    return new Answer(code, line.contains("\n") ? line.substring(0, line.indexOf('\n')) : line);
  }

  /** Sends a request line the JDK's client refuses to build and reads the answer off the socket. */
  private Answer raw(String requestLine) throws IOException {
    URI base = URI.create(stack.baseUrl());
    try (Socket socket = new Socket(base.getHost(), base.getPort())) {
      socket.setSoTimeout(30_000);
      socket
          .getOutputStream()
          .write(
              (requestLine
                      + "\r\nHost: localhost\r\n"
                      + LocalStack.API_KEY_HEADER
                      + ": "
                      + stack.apiKey()
                      + "\r\nConnection: close\r\n\r\n")
                  .getBytes(StandardCharsets.US_ASCII));
      String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      int status = Integer.parseInt(answer.substring(9, 12));
      int bodyStart = answer.indexOf("\r\n\r\n");
      String body = bodyStart < 0 ? "" : answer.substring(bodyStart + 4);
      // A chunked body: the JSON object sits between the chunk sizes.
      int open = body.indexOf('{');
      int close = body.lastIndexOf('}');
      return new Answer(
          status,
          open < 0 || close < open ? "" : Answer.jsonError(body.substring(open, close + 1)));
    }
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
    add(
        "decision with a comment over 5,000 characters",
        400,
        null,
        () ->
            stack.call(
                "POST",
                "/api/jobs/" + jobs.parked() + "/reject",
                "{\"comment\": \"" + "c".repeat(5_001) + "\"}"));
    add(
        "decision with a comment holding the NUL character",
        400,
        null,
        () ->
            stack.call(
                "POST", "/api/jobs/" + jobs.parked() + "/reject", "{\"comment\": \"no\\u0000\"}"));
    add(
        "decision with a duplicate key",
        400,
        null,
        () ->
            stack.call(
                "POST",
                "/api/jobs/" + jobs.parked() + "/approve",
                "{\"comment\": \"a\", \"comment\": \"b\"}"));
    command("approve a finished job", 4, null, "approve", jobs.finished());
    answer(
        "CLI: status with an unknown API key",
        5,
        null,
        () -> cli("not-a-key", "status", jobs.parked()));
    console(jobs);
    return take();
  }

  /**
   * The console's decision form and login form under forged, unauthorised and invalid posts. None
   * decides on the parked job.
   */
  private void console(Targets jobs) {
    String decision = "/console/jobs/" + jobs.parked() + "/decision";
    String page = "/console/jobs/" + jobs.parked();
    answer(
        "console: log in without a CSRF token",
        403,
        null,
        () ->
            new ConsoleSession(stack.baseUrl())
                .post("/login", Map.of("username", "reviewer", "password", "reviewer-dev"), false));
    answer(
        "console: log in with a wrong password",
        302,
        null,
        () -> new ConsoleSession(stack.baseUrl()).logIn("reviewer", "wrong"));
    answer(
        "console: decision without signing in",
        302,
        null,
        () -> {
          ConsoleSession anonymous = new ConsoleSession(stack.baseUrl());
          anonymous.get("/login");
          return anonymous.post(decision, Map.of("action", "approve"), true);
        });
    answer(
        "console: decision without a CSRF token",
        403,
        null,
        () -> reviewer(page).post(decision, Map.of("action", "approve"), false));
    answer(
        "console: decision with a forged CSRF token",
        403,
        null,
        () -> reviewer(page).post(decision, Map.of("action", "approve", "_csrf", "forged"), false));
    answer(
        "console: decision by a submitter",
        403,
        null,
        () -> {
          ConsoleSession submitter = new ConsoleSession(stack.baseUrl());
          submitter.logIn("submitter", "submitter-dev");
          submitter.get(page);
          return submitter.post(decision, Map.of("action", "approve"), true);
        });
    answer(
        "console: unknown action",
        400,
        null,
        () -> reviewer(page).post(decision, Map.of("action", "maybe"), true));
    answer(
        "console: reject without a comment",
        302,
        null,
        () -> reviewer(page).post(decision, Map.of("action", "reject"), true));
    answer(
        "console: reject with a comment over 5,000 characters",
        302,
        null,
        () ->
            reviewer(page)
                .post(decision, Map.of("action", "reject", "comment", "c".repeat(5_001)), true));
    answer(
        "console: reject with a comment holding the NUL character",
        302,
        null,
        () ->
            reviewer(page).post(decision, Map.of("action", "reject", "comment", "no\u0000"), true));
    answer(
        "console: approve a finished job",
        302,
        null,
        () -> {
          ConsoleSession reviewer = reviewer("/console/jobs/" + jobs.finished());
          return reviewer.post(
              "/console/jobs/" + jobs.finished() + "/decision", Map.of("action", "approve"), true);
        });
    answer(
        "console: decision on an unknown job",
        404,
        null,
        () ->
            reviewer(page)
                .post("/console/jobs/job-nx/decision", Map.of("action", "approve"), true));
  }

  /** Returns a reviewer's session that has opened the page (and holds its CSRF token). */
  private ConsoleSession reviewer(String page) throws Exception {
    ConsoleSession session = new ConsoleSession(stack.baseUrl());
    session.logIn("reviewer", "reviewer-dev");
    session.get(page);
    return session;
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
    answer(name, expected, jobId, () -> Answer.of(request.call()));
  }

  private void answer(String name, int expected, String jobId, Callable<Answer> request) {
    cases.add(new Case(name, expected, jobId, request));
  }

  private List<Case> take() {
    List<Case> taken = List.copyOf(cases);
    cases.clear();
    return taken;
  }
}
