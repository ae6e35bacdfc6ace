package dev.conveyor.starter.cli;

import dev.conveyor.client.StartedBundle;
import dev.conveyor.client.StartedJob;
import dev.conveyor.store.JobPage;
import dev.conveyor.store.TimelineEvent;
import dev.conveyor.workflow.activity.BundleEvent;
import dev.conveyor.workflow.model.BundleDecision;
import dev.conveyor.workflow.model.BundleStage;
import dev.conveyor.workflow.model.BundleStatus;
import dev.conveyor.workflow.model.Decision;
import dev.conveyor.workflow.model.JobRequest;
import dev.conveyor.workflow.model.JobStatus;
import dev.conveyor.workflow.model.Stage;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The REST API as the command line sees it; HTTP errors become {@link CliException}s. */
final class ConveyorHttp {

  /** An artifact as downloaded. */
  record Download(String contentType, byte[] bytes) {}

  /**
   * A status with where it came from: {@code source} TEMPORAL or STORE (then {@code sourceReason}
   * says why), and the job's resubmission links, null when absent.
   */
  record StatusAnswer(
      JobStatus status,
      String source,
      String sourceReason,
      String resubmittedAs,
      String resubmittedFrom) {}

  /** A bundle's timeline as {@code GET /api/bundles/{id}/timeline} answers it. */
  record BundleTimeline(String bundleId, BundleStage stage, List<BundleEvent> events) {}

  /** A job's timeline as {@code GET /api/jobs/{id}/timeline} answers it. */
  record Timeline(String jobId, Stage stage, List<TimelineEvent> events) {}

  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  private final URI base;
  private final String apiKey;
  private final HttpClient http;
  private final JsonMapper json;

  ConveyorHttp(URI base, String apiKey) {
    this.base = base;
    this.apiKey = apiKey;
    this.http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();
    this.json =
        JsonMapper.builder().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
  }

  StartedJob submit(JobRequest request, String idempotencyKey) throws CliException {
    HttpRequest.Builder post =
        builder("/api/jobs")
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(request)));
    if (idempotencyKey != null) {
      post.header("Idempotency-Key", idempotencyKey);
    }
    return read(send(post.build()), StartedJob.class);
  }

  JobStatus status(String jobId) throws CliException {
    return statusAnswer(jobId).status();
  }

  StatusAnswer statusAnswer(String jobId) throws CliException {
    HttpResponse<byte[]> response = send(builder(job(jobId)).GET().build());
    // The status is read from the bytes, not from a tree, so decimals keep their scale.
    JobStatus status = read(response, JobStatus.class);
    JsonNode body = read(response, JsonNode.class);
    return new StatusAnswer(
        status,
        text(body, "source"),
        text(body, "sourceReason"),
        text(body, "resubmittedAs"),
        text(body, "resubmittedFrom"));
  }

  private static String text(JsonNode body, String field) {
    JsonNode value = body.path(field);
    return value.isString() ? value.asString() : null;
  }

  /** Resubmits a LOST job; {@code idempotencyKey} may be null. */
  StartedJob resubmit(String jobId, String idempotencyKey) throws CliException {
    HttpRequest.Builder post =
        builder(job(jobId) + "/resubmit").POST(HttpRequest.BodyPublishers.noBody());
    if (idempotencyKey != null) {
      post.header("Idempotency-Key", idempotencyKey);
    }
    return read(send(post.build()), StartedJob.class);
  }

  JobStatus decide(String jobId, String action, Decision decision) throws CliException {
    HttpRequest post =
        builder(job(jobId) + "/" + action)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(decision)))
            .build();
    return read(send(post), JobStatus.class);
  }

  /** Returns a page of the job listing; the query holds the REST parameters that are set. */
  JobPage list(Map<String, String> query) throws CliException {
    return read(send(builder("/api/jobs" + parameters(query)).GET().build()), JobPage.class);
  }

  Timeline timeline(String jobId) throws CliException {
    return read(send(builder(job(jobId) + "/timeline").GET().build()), Timeline.class);
  }

  void cancel(String jobId) throws CliException {
    send(builder(job(jobId) + "/cancel").POST(HttpRequest.BodyPublishers.noBody()).build());
  }

  Download output(String jobId) throws CliException {
    return download(job(jobId) + "/output");
  }

  /** Starts a bundle from its request as JSON text, sent as it is; the key may be null. */
  StartedBundle submitBundle(String requestJson, String idempotencyKey) throws CliException {
    HttpRequest.Builder post =
        builder("/api/bundles")
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(requestJson));
    if (idempotencyKey != null) {
      post.header("Idempotency-Key", idempotencyKey);
    }
    return read(send(post.build()), StartedBundle.class);
  }

  BundleTimeline bundleTimeline(String bundleId) throws CliException {
    return read(send(builder(bundle(bundleId) + "/timeline").GET().build()), BundleTimeline.class);
  }

  BundleStatus bundleStatus(String bundleId) throws CliException {
    return read(send(builder(bundle(bundleId)).GET().build()), BundleStatus.class);
  }

  BundleStatus decideBundle(String bundleId, BundleDecision decision) throws CliException {
    HttpRequest post =
        builder(bundle(bundleId) + "/decide")
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(decision)))
            .build();
    return read(send(post), BundleStatus.class);
  }

  void cancelBundle(String bundleId) throws CliException {
    send(builder(bundle(bundleId) + "/cancel").POST(HttpRequest.BodyPublishers.noBody()).build());
  }

  /** Downloads the zip of every part of a bundle. */
  Download bundleOutput(String bundleId) throws CliException {
    return download(bundle(bundleId) + "/output");
  }

  private Download download(String path) throws CliException {
    HttpResponse<byte[]> response = send(builder(path).GET().build());
    String type = response.headers().firstValue("Content-Type").orElse("application/octet-stream");
    return new Download(type, response.body());
  }

  private static String bundle(String bundleId) {
    return "/api/bundles/" + encode(bundleId);
  }

  /** Starts an evaluation of a JSONL golden set; the query holds the parameters that are set. */
  JsonNode startEvaluation(String goldenSet, Map<String, String> query) throws CliException {
    HttpRequest post =
        builder("/api/evaluations" + parameters(query))
            .header("Content-Type", "application/jsonl")
            .POST(HttpRequest.BodyPublishers.ofString(goldenSet))
            .build();
    return read(send(post), JsonNode.class);
  }

  /** Returns an evaluation's progress. */
  JsonNode evaluation(String evaluationId) throws CliException {
    return read(
        send(builder("/api/evaluations/" + encode(evaluationId)).GET().build()), JsonNode.class);
  }

  /** Returns a file of an evaluation, such as {@code report.html}, or of the evaluations. */
  byte[] evaluationFile(String path, Map<String, String> query) throws CliException {
    return send(builder("/api/evaluations/" + path + parameters(query)).GET().build()).body();
  }

  private static String parameters(Map<String, String> query) {
    StringJoiner parameters = new StringJoiner("&", "?", "").setEmptyValue("");
    query.forEach((name, value) -> parameters.add(name + "=" + encode(value)));
    return parameters.toString();
  }

  private HttpRequest.Builder builder(String path) {
    return HttpRequest.newBuilder(base.resolve(path))
        .timeout(TIMEOUT)
        .header("Accept", "application/json, */*")
        .header("X-API-Key", apiKey);
  }

  private static String job(String jobId) {
    return "/api/jobs/" + encode(jobId);
  }

  private static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private HttpResponse<byte[]> send(HttpRequest request) throws CliException {
    HttpResponse<byte[]> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
    } catch (ConnectException e) {
      throw new CliException(CliException.FAILURE, "cannot reach Conveyor at " + base);
    } catch (IOException e) {
      throw new CliException(
          CliException.FAILURE, "request to Conveyor at " + base + " failed: " + e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CliException(CliException.FAILURE, "interrupted");
    }
    int status = response.statusCode();
    if (status >= 200 && status < 300) {
      return response;
    }
    int exitCode =
        switch (status) {
          case 400, 413 -> CliException.USAGE;
          case 404 -> CliException.NOT_FOUND;
          case 409, 422 -> CliException.CONFLICT;
          case 401, 403 -> CliException.DENIED;
          default -> CliException.FAILURE;
        };
    throw new CliException(exitCode, errorMessage(response));
  }

  /** Returns the error of an API error body, with its fields, in one line. */
  private String errorMessage(HttpResponse<byte[]> response) {
    try {
      JsonNode body = json.readTree(response.body());
      List<String> fields = new ArrayList<>();
      for (JsonNode field : body.path("fields")) {
        fields.add(field.path("field").asString() + " " + field.path("message").asString());
      }
      String error = body.path("error").asString("HTTP " + response.statusCode());
      return fields.isEmpty() ? error : error + ": " + String.join("; ", fields);
    } catch (JacksonException e) {
      return "HTTP " + response.statusCode() + " from " + response.uri();
    }
  }

  private <T> T read(HttpResponse<byte[]> response, Class<T> type) throws CliException {
    try {
      return json.readValue(response.body(), type);
    } catch (JacksonException e) {
      throw new CliException(
          CliException.FAILURE, "unexpected answer from " + response.uri() + ": " + e);
    }
  }
}
