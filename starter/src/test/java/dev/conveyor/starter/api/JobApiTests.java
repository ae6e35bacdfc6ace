package dev.conveyor.starter.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.conveyor.starter.testing.ConveyorAppTestSupport;
import dev.conveyor.starter.testing.FileScriptedActivities;
import dev.conveyor.starter.testing.Http;
import dev.conveyor.store.RoutingProfiles;
import dev.conveyor.workflow.activity.GenerationRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** The REST API against a real workflow on the Temporal test server. */
class JobApiTests extends ConveyorAppTestSupport {

  private Http http;

  @Autowired private RoutingProfiles routingProfiles;

  @BeforeEach
  void connect() {
    http = new Http(baseUrl());
  }

  @Test
  void should_return_201_then_200_with_the_same_job_when_the_idempotency_key_repeats() {
    String key = "order-" + UUID.randomUUID();
    String body = "{\"requirements\":\"A haiku about queues\",\"outputKind\":\"TEXT\"}";

    HttpResponse<String> first = http.post("/api/jobs", body, "Idempotency-Key", key);
    HttpResponse<String> second = http.post("/api/jobs", body, "Idempotency-Key", key);

    assertThat(first.statusCode()).isEqualTo(201);
    assertThat(first.headers().firstValue("Location")).hasValue(baseUrl() + "/api/jobs/job-" + key);
    assertThat(first.body())
        .isEqualTo("{\"jobId\":\"job-" + key + "\",\"created\":true,\"status\":\"PROMPT\"}");
    assertThat(second.statusCode()).isEqualTo(200);
    assertThat(Http.json(second).path("jobId").asString()).isEqualTo("job-" + key);
    assertThat(Http.json(second).path("created").asBoolean()).isFalse();
  }

  @Test
  void should_start_a_new_job_on_every_call_when_there_is_no_idempotency_key() {
    String body = "{\"requirements\":\"A haiku\",\"outputKind\":\"TEXT\"}";

    JsonNode first = Http.json(http.post("/api/jobs", body));
    JsonNode second = Http.json(http.post("/api/jobs", body));

    assertThat(first.path("jobId").asString()).startsWith("job-");
    assertThat(first.path("jobId").asString()).isNotEqualTo(second.path("jobId").asString());
  }

  static Stream<Arguments> invalidRequests() {
    String tooLong = "x".repeat(20_001);
    return Stream.of(
        Arguments.of("missing requirements", "{\"outputKind\":\"TEXT\"}", "requirements"),
        Arguments.of(
            "oversize requirements",
            "{\"requirements\":\"" + tooLong + "\",\"outputKind\":\"TEXT\"}",
            "requirements"),
        Arguments.of(
            "unknown outputKind",
            "{\"requirements\":\"x\",\"outputKind\":\"VIDEO\"}",
            "outputKind"),
        Arguments.of(
            "unknown priority",
            "{\"requirements\":\"x\",\"outputKind\":\"TEXT\",\"priority\":\"URGENT\"}",
            "priority"),
        Arguments.of(
            "wrong type",
            "{\"requirements\":\"x\",\"outputKind\":\"TEXT\",\"maxQaAttempts\":\"many\"}",
            "maxQaAttempts"),
        Arguments.of(
            "number for a text", "{\"requirements\":42,\"outputKind\":\"TEXT\"}", "requirements"),
        Arguments.of(
            "text for a count",
            "{\"requirements\":\"x\",\"outputKind\":\"TEXT\",\"maxQaAttempts\":\"3\"}",
            "maxQaAttempts"),
        Arguments.of(
            "fraction for a count",
            "{\"requirements\":\"x\",\"outputKind\":\"TEXT\",\"maxQaAttempts\":2.5}",
            "maxQaAttempts"),
        Arguments.of("invalid JSON", "{\"requirements\": \"x\", ", "body"),
        Arguments.of("no body", "", "body"),
        Arguments.of(
            "negative budget",
            "{\"requirements\":\"x\",\"outputKind\":\"TEXT\",\"budgetUsd\":-1}",
            "budgetUsd"),
        Arguments.of(
            "duration not ISO-8601",
            "{\"requirements\":\"x\",\"outputKind\":\"TEXT\",\"approvalTimeout\":\"72h\"}",
            "approvalTimeout"),
        Arguments.of(
            "criterion not a string",
            "{\"requirements\":\"x\",\"outputKind\":\"TEXT\",\"qaCriteria\":[\"short\",{}]}",
            "qaCriteria[1]"),
        Arguments.of(
            "CODE without a language",
            "{\"requirements\":\"x\",\"outputKind\":\"CODE\"}",
            "language"),
        Arguments.of(
            "CODE in an unknown language",
            "{\"requirements\":\"x\",\"outputKind\":\"CODE\",\"language\":\"cobol\"}",
            "language"),
        Arguments.of(
            "a JSON Schema for HTML",
            "{\"requirements\":\"x\",\"outputKind\":\"CODE\",\"language\":\"html\","
                + "\"jsonSchema\":\"{}\"}",
            "jsonSchema"),
        Arguments.of(
            "a language for TEXT",
            "{\"requirements\":\"x\",\"outputKind\":\"TEXT\",\"language\":\"html\"}",
            "language"),
        Arguments.of(
            "misspelt field",
            "{\"requirements\":\"x\",\"outputKind\":\"TEXT\",\"maxQaAttempt\":2}",
            "maxQaAttempt"),
        Arguments.of(
            "a profile no worker serves",
            "{\"requirements\":\"x\",\"outputKind\":\"TEXT\",\"profile\":\"premium\"}",
            "profile"));
  }

  @Test
  void should_start_a_job_on_a_profile_a_worker_recorded_and_show_it_in_the_status() {
    routingProfiles.record(
        Map.of("default", Map.of(), "economy", Map.of("TEXT_GENERATION", "offline/x")),
        Instant.now());
    String body = "{\"requirements\":\"A haiku\",\"outputKind\":\"TEXT\",\"profile\":\"economy\"}";

    HttpResponse<String> started = http.post("/api/jobs", body);

    assertThat(started.statusCode()).isEqualTo(201);
    String jobId = Http.json(started).path("jobId").asString();
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                assertThat(Http.json(http.get("/api/jobs/" + jobId)).path("profile").asString())
                    .isEqualTo("economy"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidRequests")
  void should_answer_400_naming_the_field_and_start_nothing_when_the_request_is_invalid(
      String name, String body, String field) {
    String key = "invalid-" + UUID.randomUUID();

    HttpResponse<String> response = http.post("/api/jobs", body, "Idempotency-Key", key);

    assertThat(response.statusCode()).isEqualTo(400);
    JsonNode error = Http.json(response);
    assertThat(error.path("error").asString()).isNotBlank();
    assertThat(error.path("fields").findValuesAsString("field")).containsExactly(field);
    assertThat(error.path("fields").get(0).path("message").asString()).isNotBlank();
    assertThat(http.get("/api/jobs/job-" + key).statusCode()).isEqualTo(404);
  }

  @Test
  void should_answer_422_and_start_nothing_when_an_idempotency_key_is_reused_for_another_request() {
    String key = "order-" + UUID.randomUUID();
    String body = "{\"requirements\":\"A haiku about queues\",\"outputKind\":\"TEXT\"}";
    String other = "{\"requirements\":\"A haiku about stacks\",\"outputKind\":\"TEXT\"}";

    HttpResponse<String> first = http.post("/api/jobs", body, "Idempotency-Key", key);
    HttpResponse<String> reused = http.post("/api/jobs", other, "Idempotency-Key", key);
    HttpResponse<String> repeated = http.post("/api/jobs", body, "Idempotency-Key", key);

    assertThat(first.statusCode()).isEqualTo(201);
    assertThat(reused.statusCode()).isEqualTo(422);
    assertThat(Http.json(reused).path("error").asString())
        .isEqualTo(
            "the idempotency key of job job-"
                + key
                + " was already used with a different request; send the same request to get"
                + " that job, or use a new key for a new job");
    assertThat(repeated.statusCode()).isEqualTo(200);
    assertThat(Http.json(repeated).path("jobId").asString()).isEqualTo("job-" + key);
  }

  @Test
  void should_answer_413_and_start_nothing_when_the_body_is_over_the_limit() {
    String key = "big-" + UUID.randomUUID();
    // Valid JSON, padded past the 1 MB default with whitespace, so only its size is wrong.
    String body =
        "{\"requirements\":\"A haiku\",\"outputKind\":\"TEXT\"" + " ".repeat(1_100_000) + "}";

    HttpResponse<String> response = http.post("/api/jobs", body, "Idempotency-Key", key);

    assertThat(response.statusCode()).isEqualTo(413);
    assertThat(Http.json(response).path("error").asString())
        .isEqualTo("the request body is larger than 1048576 bytes");
    assertThat(http.get("/api/jobs/job-" + key).statusCode()).isEqualTo(404);
  }

  @Test
  void should_answer_400_naming_the_field_when_the_idempotency_key_is_invalid() {
    HttpResponse<String> response =
        http.post(
            "/api/jobs",
            "{\"requirements\":\"x\",\"outputKind\":\"TEXT\"}",
            "Idempotency-Key",
            "no spaces allowed");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.body())
        .isEqualTo(
            "{\"error\":\"invalid job request\",\"fields\":[{\"field\":\"idempotencyKey\","
                + "\"message\":\"must be 1 to 200 characters of letters, digits, '.', '_', ':'"
                + " or '-'\"}]}");
  }

  @Test
  void should_answer_404_on_every_endpoint_when_the_job_is_unknown() {
    String decision = "{\"comment\":\"no\"}";
    String notFound = "{\"error\":\"job job-unknown not found\"}";

    List<HttpResponse<String>> responses =
        List.of(
            http.get("/api/jobs/job-unknown"),
            http.get("/api/jobs/job-unknown/output"),
            http.post("/api/jobs/job-unknown/approve", decision),
            http.post("/api/jobs/job-unknown/reject", decision),
            http.post("/api/jobs/job-unknown/cancel", null));

    assertThat(responses).allSatisfy(response -> assertThat(response.statusCode()).isEqualTo(404));
    assertThat(responses).allSatisfy(response -> assertThat(response.body()).isEqualTo(notFound));
  }

  @Test
  void should_approve_a_job_awaiting_approval_and_refuse_a_second_decision_with_409() {
    String jobId = submit("{\"requirements\":\"A slogan\",\"outputKind\":\"TEXT\"}");
    awaitStage(jobId, "AWAITING_APPROVAL");

    HttpResponse<String> approved =
        http.post("/api/jobs/" + jobId + "/approve", "{\"comment\":\"ok\"}");
    HttpResponse<String> again = http.post("/api/jobs/" + jobId + "/approve", null);
    HttpResponse<String> reject =
        http.post("/api/jobs/" + jobId + "/reject", "{\"comment\":\"no\"}");

    assertThat(approved.statusCode()).isEqualTo(200);
    JsonNode status = Http.json(approved);
    assertThat(status.path("stage").asString()).isEqualTo("APPROVED");
    assertThat(status.path("reason").asString()).isEqualTo("approved by " + Http.DEV_PRINCIPAL);
    assertThat(status.path("decisions").get(0).path("via").asString()).isEqualTo("update");
    assertThat(again.statusCode()).isEqualTo(409);
    assertThat(again.body()).isEqualTo("{\"error\":\"job " + jobId + " already ended\"}");
    assertThat(reject.statusCode()).isEqualTo(409);
  }

  @Test
  void should_run_a_code_job_to_approval_and_serve_its_output_with_the_languages_type() {
    String jobId =
        submit(
            "{\"requirements\":\"A landing section\",\"outputKind\":\"CODE\","
                + "\"language\":\"html\"}");
    awaitStage(jobId, "AWAITING_APPROVAL");

    JsonNode awaiting = Http.json(http.get("/api/jobs/" + jobId));
    HttpResponse<String> approved = http.post("/api/jobs/" + jobId + "/approve", null);
    HttpResponse<String> output = http.get("/api/jobs/" + jobId + "/output");

    assertThat(awaiting.path("outputKind").asString()).isEqualTo("CODE");
    assertThat(awaiting.path("calls").findValuesAsString("step"))
        .containsExactly("PROMPT", "CODE_GENERATION", "CODE_QA");
    assertThat(approved.statusCode()).isEqualTo(200);
    assertThat(Http.json(approved).path("stage").asString()).isEqualTo("APPROVED");
    assertThat(output.statusCode()).isEqualTo(200);
    assertThat(output.headers().firstValue("Content-Type")).hasValue("text/html;charset=utf-8");
    assertThat(output.body()).isEqualTo("<p>r0a1 feedback=null");
  }

  @Test
  void should_answer_409_when_a_decision_comes_while_the_job_is_still_generating() {
    String jobId =
        submit(
            "{\"requirements\":\"A slogan "
                + FileScriptedActivities.HOLD
                + "\",\"outputKind\":\"TEXT\"}");
    awaitStage(jobId, "GENERATE");

    HttpResponse<String> early = http.post("/api/jobs/" + jobId + "/approve", null);
    HttpResponse<String> noOutput = http.get("/api/jobs/" + jobId + "/output");
    activities.release(jobId);

    assertThat(early.statusCode()).isEqualTo(409);
    assertThat(early.body())
        .isEqualTo(
            "{\"error\":\"no decision is awaited: job " + jobId + " is in stage GENERATE\"}");
    assertThat(noOutput.statusCode()).isEqualTo(404);
    assertThat(noOutput.body()).isEqualTo("{\"error\":\"job " + jobId + " has no output yet\"}");
    awaitStage(jobId, "AWAITING_APPROVAL");
  }

  @Test
  void should_answer_400_naming_the_field_when_a_decision_names_another_reviewer() {
    String jobId = submit("{\"requirements\":\"A slogan\",\"outputKind\":\"TEXT\"}");
    awaitStage(jobId, "AWAITING_APPROVAL");

    HttpResponse<String> otherReviewer =
        http.post("/api/jobs/" + jobId + "/approve", "{\"reviewer\":\"alice\"}");
    HttpResponse<String> longComment =
        http.post("/api/jobs/" + jobId + "/reject", "{\"comment\":\"" + "x".repeat(5_001) + "\"}");

    assertThat(otherReviewer.statusCode()).isEqualTo(400);
    assertThat(otherReviewer.body())
        .isEqualTo(
            "{\"error\":\"invalid decision\",\"fields\":[{\"field\":\"reviewer\",\"message\":"
                + "\"is the authenticated principal (local-dev), not a request field; leave it"
                + " out\"}]}");
    assertThat(longComment.statusCode()).isEqualTo(400);
    assertThat(Http.json(longComment).path("fields").findValuesAsString("field"))
        .containsExactly("comment");
    assertThat(Http.json(http.get("/api/jobs/" + jobId)).path("stage").asString())
        .isEqualTo("AWAITING_APPROVAL");
  }

  @Test
  void should_generate_a_new_revision_with_the_comment_when_a_reviewer_rejects_with_regenerate() {
    String jobId = submit("{\"requirements\":\"A slogan\",\"outputKind\":\"TEXT\"}");
    awaitStage(jobId, "AWAITING_APPROVAL");

    HttpResponse<String> rejected =
        http.post(
            "/api/jobs/" + jobId + "/reject",
            "{\"comment\":\"more cheerful\",\"regenerate\":true}");

    assertThat(rejected.statusCode()).isEqualTo(200);
    assertThat(Http.json(rejected).path("revision").asInt()).isEqualTo(1);
    JsonNode status = awaitStage(jobId, "AWAITING_APPROVAL");
    assertThat(status.path("revision").asInt()).isEqualTo(1);
    assertThat(status.path("awaiting").path("reason").asString()).isEqualTo("REVISION");
    assertThat(activities.generations())
        .filteredOn(generation -> generation.revision() == 1)
        .extracting(GenerationRequest::feedback)
        .anySatisfy(feedback -> assertThat(feedback).contains("more cheerful"));
  }

  @Test
  void should_download_the_output_with_its_content_type() {
    String text = submit("{\"requirements\":\"A slogan\",\"outputKind\":\"TEXT\"}", "NEVER");
    String image = submit("{\"requirements\":\"A logo\",\"outputKind\":\"IMAGE\"}", "NEVER");
    awaitStage(text, "APPROVED");
    awaitStage(image, "APPROVED");

    HttpResponse<byte[]> textOutput = http.getBytes("/api/jobs/" + text + "/output");
    HttpResponse<byte[]> imageOutput = http.getBytes("/api/jobs/" + image + "/output");

    assertThat(textOutput.statusCode()).isEqualTo(200);
    assertThat(textOutput.headers().firstValue("Content-Type"))
        .hasValue("text/plain;charset=utf-8");
    assertThat(new String(textOutput.body(), StandardCharsets.UTF_8))
        .isEqualTo("Output r0a1 feedback=null");
    assertThat(imageOutput.statusCode()).isEqualTo(200);
    assertThat(imageOutput.headers().firstValue("Content-Type")).hasValue("image/png");
    assertThat(imageOutput.body()).startsWith(0x89, 'P', 'N', 'G');
  }

  @Test
  void should_cancel_a_running_job_with_202_and_answer_409_once_it_ended() {
    String jobId = submit("{\"requirements\":\"A slogan\",\"outputKind\":\"TEXT\"}");
    awaitStage(jobId, "AWAITING_APPROVAL");

    HttpResponse<String> cancel = http.post("/api/jobs/" + jobId + "/cancel", null);
    JsonNode status = awaitStage(jobId, "CANCELLED");
    HttpResponse<String> again = http.post("/api/jobs/" + jobId + "/cancel", null);

    assertThat(cancel.statusCode()).isEqualTo(202);
    assertThat(status.path("reason").asString()).isEqualTo("cancelled during AWAITING_APPROVAL");
    assertThat(again.statusCode()).isEqualTo(409);
    assertThat(again.body()).isEqualTo("{\"error\":\"job " + jobId + " already ended\"}");
  }

  @Test
  void should_serialize_times_as_iso_strings_and_money_as_numbers() {
    String jobId =
        submit(
            "{\"requirements\":\"A slogan\",\"outputKind\":\"TEXT\",\"approvalTimeout\":\"PT1H\","
                + "\"budgetUsd\":0.50,\"qaCriteria\":[\"short\"],\"tags\":[\"demo\"]}");

    JsonNode status = awaitStage(jobId, "AWAITING_APPROVAL");

    String iso = "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?Z";
    assertThat(status.path("createdAt").isString()).isTrue();
    assertThat(status.path("createdAt").asString()).matches(iso);
    assertThat(status.path("awaiting").path("deadline").asString()).matches(iso);
    assertThat(status.path("finishedAt").isNull()).isTrue();
    assertThat(status.path("costUsd").isNumber()).isTrue();
    assertThat(status.path("costUsd").decimalValue()).isEqualByComparingTo("0.003");
    assertThat(status.path("calls").get(0).toString())
        .isEqualTo(
            "{\"step\":\"PROMPT\",\"provider\":\"scripted\",\"model\":\"prompt-writer\","
                + "\"inputTokens\":100,\"outputTokens\":50,\"costUsd\":0.001,\"latencyMs\":1,"
                + "\"fallbacks\":[],\"images\":0,\"failedCostUsd\":0}");
    assertThat(status.path("attempts").get(0).path("verdict").toString())
        .isEqualTo(
            "{\"passed\":true,\"score\":0.95,\"issues\":[],\"feedback\":\"meets the requirements\"}");
    assertThat(status.path("models").path("TEXT_QA").asString()).isEqualTo("scripted/text-judge");
  }

  private String submit(String body) {
    HttpResponse<String> response = http.post("/api/jobs", body);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    return Http.json(response).path("jobId").asString();
  }

  private String submit(String body, String policy) {
    return submit(body.replace("}", ",\"approvalPolicy\":\"" + policy + "\"}"));
  }

  private JsonNode awaitStage(String jobId, String stage) {
    return await()
        .atMost(Duration.ofSeconds(20))
        .pollInterval(Duration.ofMillis(50))
        .until(
            () -> Http.json(http.get("/api/jobs/" + jobId)),
            status -> stage.equals(status.path("stage").asString()));
  }
}
