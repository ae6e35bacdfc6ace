package dev.conveyor.starter.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.conveyor.starter.testing.ConveyorAppTestSupport;
import dev.conveyor.starter.testing.Http;
import dev.conveyor.store.RoutingProfiles;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** Evaluations through REST, on the real evaluation and job workflows with scripted activities. */
class EvaluationApiTests extends ConveyorAppTestSupport {

  private static final String JSONL = "application/jsonl";
  private static final String GOLDEN_SET =
      """
      {"requirements": "A blurb for a steel bottle.", "kind": "TEXT", "expected": "pass"}
      {"requirements": "A haiku about queues.", "kind": "TEXT", "criteria": ["three lines"]}
      """;

  @Autowired private RoutingProfiles routingProfiles;

  private Http http;

  @BeforeEach
  void connect() {
    http = new Http(baseUrl());
    routingProfiles.record(Map.of("default", Map.of(), "economy", Map.of()), Instant.now());
  }

  @Test
  void should_run_every_case_on_every_profile_and_serve_the_report_in_three_formats() {
    // when
    HttpResponse<String> started =
        http.postAs("/api/evaluations?profiles=default,economy&concurrency=2", JSONL, GOLDEN_SET);

    // then
    assertThat(started.statusCode()).isEqualTo(201);
    JsonNode body = Http.json(started);
    String id = body.path("evaluationId").asString();
    assertThat(body.path("cases").asInt()).isEqualTo(2);
    assertThat(started.headers().firstValue("Location"))
        .hasValue(baseUrl() + "/api/evaluations/" + id);
    JsonNode done = awaitStage(id, "DONE");
    assertThat(done.path("done").path("default").asInt()).isEqualTo(2);
    assertThat(done.path("done").path("economy").asInt()).isEqualTo(2);
    assertThat(done.path("report").path("verdict").asString())
        .isEqualTo("default: scripted verdict");
    HttpResponse<String> markdown = http.get("/api/evaluations/" + id + "/report.md");
    assertThat(markdown.headers().firstValue("Content-Type"))
        .hasValueSatisfying(t -> assertThat(t).startsWith("text/markdown"));
    assertThat(markdown.body()).contains(id + "-default-1 APPROVED", id + "-economy-2 APPROVED");
    assertThat(http.get("/api/evaluations/" + id + "/report.html").body()).contains("<svg");
    assertThat(
            Http.json(http.get("/api/evaluations/" + id + "/report.json"))
                .path("verdict")
                .asString())
        .isEqualTo("default: scripted verdict");
    JsonNode job = Http.json(http.get("/api/jobs/" + id + "-economy-1"));
    assertThat(job.path("profile").asString()).isEqualTo("economy");
    assertThat(job.path("stage").asString()).isEqualTo("APPROVED");
  }

  @Test
  void should_answer_400_naming_the_line_and_field_of_a_bad_golden_set_line() {
    String bad = GOLDEN_SET + "{\"requirements\": \"x\", \"kind\": \"VIDEO\"}\n";

    HttpResponse<String> response = http.postAs("/api/evaluations", JSONL, bad);

    assertThat(response.statusCode()).isEqualTo(400);
    JsonNode field = Http.json(response).path("fields").get(0);
    assertThat(field.path("field").asString()).isEqualTo("goldenSet");
    assertThat(field.path("message").asString()).startsWith("line 3: kind is 'VIDEO'");
  }

  @Test
  void should_answer_400_naming_a_profile_no_worker_serves() {
    HttpResponse<String> response =
        http.postAs("/api/evaluations?profiles=default,premium", JSONL, GOLDEN_SET);

    assertThat(response.statusCode()).isEqualTo(400);
    JsonNode field = Http.json(response).path("fields").get(0);
    assertThat(field.path("field").asString()).isEqualTo("profiles[1]");
    assertThat(field.path("message").asString()).contains("'premium', which no worker serves");
  }

  @Test
  void should_answer_404_for_an_unknown_evaluation() {
    assertThat(http.get("/api/evaluations/eval-nope").statusCode()).isEqualTo(404);
    assertThat(http.get("/api/evaluations/eval-nope/report.html").statusCode()).isEqualTo(404);
  }

  @Test
  void should_export_reviewers_decisions_as_a_labelled_golden_set_and_calibrate_qa() {
    // given two jobs a reviewer decided: one approved, one rejected with a comment
    String approved = submitAndAwaitDecision("A blurb for a kettle.");
    String rejected = submitAndAwaitDecision("A blurb for a toaster.");
    assertThat(http.post("/api/jobs/" + approved + "/approve", "{}").statusCode()).isEqualTo(200);
    assertThat(
            http.post("/api/jobs/" + rejected + "/reject", "{\"comment\":\"too long\"}")
                .statusCode())
        .isEqualTo(200);

    // when
    String today = java.time.LocalDate.now(java.time.ZoneOffset.UTC).minusDays(1).toString();
    HttpResponse<String> export = http.get("/api/evaluations/export?since=" + today);
    JsonNode calibration = Http.json(http.get("/api/evaluations/calibration?since=" + today));

    // then the export is a golden set, labelled, that an evaluation takes back
    assertThat(export.statusCode()).isEqualTo(200);
    assertThat(export.body().lines())
        .anySatisfy(
            line ->
                assertThat(line)
                    .contains("\"requirements\":\"A blurb for a kettle.\"", "\"expected\":\"pass\"")
                    .contains(approved + " revision 0: approved by"))
        .anySatisfy(
            line ->
                assertThat(line)
                    .contains("\"expected\":\"fail\"")
                    .contains(rejected + " revision 0: rejected by")
                    .contains(": too long"));
    assertThat(dev.conveyor.workflow.evaluation.GoldenSets.parse(export.body()))
        .hasSizeGreaterThanOrEqualTo(2);
    // and at the threshold 1.0 a human sees every scored output and catches every rejection
    JsonNode all = calibration.path("thresholds").get(10);
    assertThat(all.path("seen").asInt()).isEqualTo(calibration.path("reviewed").asInt());
    assertThat(all.path("caught").asInt()).isEqualTo(calibration.path("rejected").asInt());
    assertThat(calibration.path("rejected").asInt()).isGreaterThanOrEqualTo(1);
  }

  @Test
  void should_answer_400_naming_since_when_it_is_not_a_date() {
    HttpResponse<String> response = http.get("/api/evaluations/export?since=last-week");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(Http.json(response).path("fields").get(0).path("field").asString())
        .isEqualTo("since");
  }

  private String submitAndAwaitDecision(String requirements) {
    String body = "{\"requirements\":\"" + requirements + "\",\"outputKind\":\"TEXT\"}";
    String jobId = Http.json(http.post("/api/jobs", body)).path("jobId").asString();
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () -> Http.json(http.get("/api/jobs/" + jobId)).path("stage").asString(),
            "AWAITING_APPROVAL"::equals);
    return jobId;
  }

  private JsonNode awaitStage(String id, String stage) {
    return await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () -> Http.json(http.get("/api/evaluations/" + id)),
            p -> p.path("stage").asString().equals(stage));
  }
}
