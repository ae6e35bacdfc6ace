package dev.conveyor.starter.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.conveyor.starter.testing.BundleRequests;
import dev.conveyor.starter.testing.ConveyorAppTestSupport;
import dev.conveyor.starter.testing.Http;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/** Bundles through the REST API against the real workflows on the Temporal test server. */
class BundleApiTests extends ConveyorAppTestSupport {

  static final String HEADLINE = BundleRequests.HEADLINE;
  static final String LANDING = BundleRequests.LANDING;
  static final String BUNDLE = BundleRequests.LANDING_PAGE;

  private Http http;

  @BeforeEach
  void connect() {
    http = new Http(baseUrl());
  }

  @Test
  void should_make_a_bundle_approve_it_in_one_decision_and_serve_the_zip_and_each_part()
      throws IOException {
    // given
    HttpResponse<String> submitted = http.post("/api/bundles", BUNDLE);
    String id = Http.json(submitted).path("bundleId").asString();
    awaitDecision(id);

    // when
    HttpResponse<String> approved =
        http.post("/api/bundles/" + id + "/decide", "{\"action\":\"APPROVE\",\"comment\":\"ok\"}");

    // then
    assertThat(submitted.statusCode()).isEqualTo(201);
    assertThat(submitted.headers().firstValue("Location"))
        .hasValue(baseUrl() + "/api/bundles/" + id);
    assertThat(id).startsWith("bundle-");
    assertThat(approved.statusCode()).isEqualTo(200);
    JsonNode status = Http.json(approved);
    assertThat(status.path("stage").asString()).isEqualTo("APPROVED");
    assertThat(status.path("decidedBy").asString()).isEqualTo(Http.DEV_PRINCIPAL);
    assertThat(status.path("submitter").asString()).isEqualTo(Http.DEV_PRINCIPAL);
    assertThat(status.path("parts").findValuesAsString("jobId"))
        .containsExactly(id + ".headline.1", id + ".hero.1", id + ".landing.1");

    // and the zip holds every part under its file name, with the manifest
    HttpResponse<byte[]> zip = http.getBytes("/api/bundles/" + id + "/output");
    assertThat(zip.statusCode()).isEqualTo(200);
    assertThat(zip.headers().firstValue("Content-Type")).hasValue("application/zip");
    Map<String, byte[]> entries = unzip(zip.body());
    assertThat(entries.keySet())
        .containsExactly("manifest.json", "headline.txt", "hero.png", "landing.html");
    JsonNode manifest = Http.json(new String(entries.get("manifest.json"), StandardCharsets.UTF_8));
    assertThat(manifest.path("stage").asString()).isEqualTo("APPROVED");
    assertThat(manifest.path("parts").findValuesAsString("file"))
        .containsExactly("headline.txt", "hero.png", "landing.html");

    // and each part alone, the HTML under a policy that runs no script
    HttpResponse<byte[]> hero = http.getBytes("/api/bundles/" + id + "/parts/hero/output");
    assertThat(hero.headers().firstValue("Content-Type")).hasValue("image/png");
    assertThat(hero.body()).isEqualTo(entries.get("hero.png"));
    HttpResponse<byte[]> page = http.getBytes("/api/bundles/" + id + "/files/landing.html");
    assertThat(page.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
    assertThat(page.headers().firstValue("Content-Security-Policy").orElseThrow())
        .startsWith("sandbox;")
        .contains("default-src 'none'")
        .doesNotContain("allow-scripts");
    assertThat(http.getBytes("/api/bundles/" + id + "/parts/footer/output").statusCode())
        .isEqualTo(404);
  }

  @Test
  void should_answer_a_bundle_under_the_jobs_paths_as_under_its_own() throws IOException {
    // given
    String id = Http.json(http.post("/api/bundles", BUNDLE)).path("bundleId").asString();
    awaitDecision(id);

    // when
    HttpResponse<String> status = http.get("/api/jobs/" + id);
    HttpResponse<String> approved =
        http.post("/api/jobs/" + id + "/decide", "{\"action\":\"APPROVE\"}");

    // then
    assertThat(status.statusCode()).isEqualTo(200);
    assertThat(Http.json(status).path("bundleId").asString()).isEqualTo(id);
    assertThat(Http.json(status).path("parts").findValuesAsString("name"))
        .containsExactly("headline", "hero", "landing");
    assertThat(approved.statusCode()).isEqualTo(200);
    assertThat(Http.json(approved).path("stage").asString()).isEqualTo("APPROVED");
    HttpResponse<byte[]> zip = http.getBytes("/api/jobs/" + id + "/output");
    assertThat(zip.headers().firstValue("Content-Type")).hasValue("application/zip");
    assertThat(unzip(zip.body()).keySet())
        .containsExactly("manifest.json", "headline.txt", "hero.png", "landing.html");
    HttpResponse<byte[]> hero = http.getBytes("/api/jobs/" + id + "/parts/hero/output");
    assertThat(hero.statusCode()).isEqualTo(200);
    assertThat(hero.headers().firstValue("Content-Type")).hasValue("image/png");
    assertThat(http.get("/api/jobs/bundle-unknown").statusCode()).isEqualTo(404);
  }

  @Test
  void should_point_a_bundle_sent_as_a_job_to_the_bundles_resource() {
    // when
    HttpResponse<String> response = http.post("/api/jobs", BUNDLE);

    // then
    assertThat(response.statusCode()).isEqualTo(400);
    JsonNode error = Http.json(response);
    assertThat(error.path("fields").findValuesAsString("field")).containsExactly("parts");
    assertThat(error.path("fields").findValuesAsString("message").get(0))
        .contains("POST /api/bundles");
  }

  @Test
  void should_send_back_only_the_chosen_part_and_the_parts_using_it() {
    // given
    String id = Http.json(http.post("/api/bundles", BUNDLE)).path("bundleId").asString();
    awaitDecision(id);

    // when
    HttpResponse<String> sentBack =
        http.post(
            "/api/bundles/" + id + "/decide",
            "{\"action\":\"REJECT\",\"parts\":[{\"part\":\"hero\",\"comment\":\"bluer sky\"}]}");
    JsonNode again = awaitDecision(id);

    // then
    assertThat(sentBack.statusCode()).isEqualTo(200);
    assertThat(again.path("revision").asInt()).isEqualTo(1);
    assertThat(again.path("parts").findValuesAsString("jobId"))
        .containsExactly(id + ".headline.1", id + ".hero.2", id + ".landing.2");
  }

  @Test
  void should_refuse_an_invalid_decision_naming_the_field() {
    // given
    String id = Http.json(http.post("/api/bundles", BUNDLE)).path("bundleId").asString();
    awaitDecision(id);

    // when
    HttpResponse<String> unknownPart =
        http.post(
            "/api/bundles/" + id + "/decide",
            "{\"action\":\"REJECT\",\"parts\":[{\"part\":\"footer\",\"comment\":\"x\"}]}");
    HttpResponse<String> someoneElse =
        http.post(
            "/api/bundles/" + id + "/decide", "{\"action\":\"APPROVE\",\"reviewer\":\"eve\"}");

    // then
    assertThat(unknownPart.statusCode()).isEqualTo(400);
    assertThat(Http.json(unknownPart).path("fields").findValuesAsString("field"))
        .containsExactly("parts[0].part");
    assertThat(someoneElse.statusCode()).isEqualTo(400);
    assertThat(Http.json(someoneElse).path("fields").findValuesAsString("field"))
        .containsExactly("reviewer");
    assertThat(Http.json(http.get("/api/bundles/" + id)).path("stage").asString())
        .isEqualTo("AWAITING_APPROVAL");
  }

  static Stream<Arguments> invalidBundles() {
    StringBuilder nine = new StringBuilder("{\"parts\":[");
    for (int i = 0; i < 9; i++) {
      nine.append(i == 0 ? "" : ",")
          .append("{\"name\":\"p")
          .append(i)
          .append("\",\"outputKind\":\"TEXT\",\"requirements\":\"x\"}");
    }
    nine.append("]}");
    return Stream.of(
        Arguments.of(
            "unknown uses",
            "{\"parts\":[" + HEADLINE + "," + LANDING + "]}",
            "parts[1].uses[1]",
            "names no part"),
        Arguments.of(
            "a cycle",
            "{\"parts\":[{\"name\":\"a\",\"outputKind\":\"CODE\",\"language\":\"html\","
                + "\"requirements\":\"x\",\"uses\":[\"b\"]},{\"name\":\"b\",\"outputKind\":\"CODE\","
                + "\"language\":\"html\",\"requirements\":\"x\",\"uses\":[\"a\"]}]}",
            "parts[0].uses",
            "forms a cycle: a -> b -> a"),
        Arguments.of(
            "a duplicate name",
            "{\"parts\":[" + HEADLINE + "," + HEADLINE + "]}",
            "parts[1].name",
            "parts[0]"),
        Arguments.of(
            "an image using an image",
            "{\"parts\":[{\"name\":\"hero\",\"outputKind\":\"IMAGE\",\"requirements\":\"x\"},"
                + "{\"name\":\"banner\",\"outputKind\":\"IMAGE\",\"requirements\":\"x\","
                + "\"uses\":[\"hero\"]}]}",
            "parts[1].uses[0]",
            "TEXT and IMAGE parts use TEXT parts only"),
        Arguments.of("too many parts", nine.toString(), "parts", "at most 8"),
        Arguments.of("no parts", "{\"parts\":[]}", "parts", "is required"),
        Arguments.of(
            "an invalid part",
            "{\"parts\":[{\"name\":\"code\",\"outputKind\":\"CODE\",\"requirements\":\"x\"}]}",
            "parts[0].language",
            "is required"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidBundles")
  void should_answer_400_naming_the_problem_when_the_bundle_is_invalid(
      String name, String body, String field, String message) {
    HttpResponse<String> response = http.post("/api/bundles", body);

    assertThat(response.statusCode()).isEqualTo(400);
    JsonNode error = Http.json(response);
    assertThat(error.path("fields").findValuesAsString("field")).contains(field);
    assertThat(error.path("fields").findValuesAsString("message"))
        .anySatisfy(m -> assertThat(m).contains(message));
  }

  @Test
  void should_refuse_a_single_job_that_claims_to_be_a_part_of_a_bundle() {
    HttpResponse<String> response =
        http.post(
            "/api/jobs",
            "{\"requirements\":\"x\",\"outputKind\":\"TEXT\","
                + "\"bundle\":{\"bundleId\":\"bundle-x\",\"part\":\"headline\"}}");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(Http.json(response).path("fields").findValuesAsString("field"))
        .containsExactly("bundle");
  }

  @Test
  void should_list_a_bundle_beside_jobs_and_in_the_inbox_without_its_parts_jobs() {
    // given a bundle and a job under one tag, the bundle awaiting its decision
    String tag = "t-" + UUID.randomUUID();
    String id =
        Http.json(http.post("/api/bundles", tagged(BUNDLE, tag))).path("bundleId").asString();
    awaitDecision(id);
    HttpResponse<String> job =
        http.post(
            "/api/jobs",
            "{\"requirements\":\"A slogan\",\"outputKind\":\"TEXT\",\"tags\":[\"" + tag + "\"]}");
    String jobId = Http.json(job).path("jobId").asString();

    // when
    JsonNode listing =
        awaitAnswer("/api/jobs?tag=" + tag, page -> page.path("total").asLong() == 2);
    JsonNode inbox =
        awaitAnswer(
            "/api/jobs?stage=AWAITING_APPROVAL&tag=" + tag,
            page -> page.path("total").asLong() >= 1);

    // then the listing holds the bundle, marked, and the job, never the parts' jobs
    assertThat(listing.path("jobs").findValuesAsString("jobId"))
        .containsExactlyInAnyOrder(id, jobId);
    JsonNode bundle = item(listing, id);
    assertThat(bundle.path("kind").asString()).isEqualTo("BUNDLE");
    assertThat(bundle.path("bundleStage").asString()).isEqualTo("AWAITING_APPROVAL");
    assertThat(bundle.path("stage").asString()).isEqualTo("AWAITING_APPROVAL");
    assertThat(bundle.path("submitter").asString()).isEqualTo(Http.DEV_PRINCIPAL);
    assertThat(bundle.path("awaitingDeadline").isNull()).isFalse();
    assertThat(item(listing, jobId).path("kind").asString()).isEqualTo("JOB");
    assertThat(inbox.path("jobs").findValuesAsString("jobId")).contains(id);

    // and the parts' jobs are listed under their bundle, each DELIVERED, none awaiting
    JsonNode parts = Http.json(http.get("/api/jobs?bundle=" + id));
    assertThat(parts.path("jobs").findValuesAsString("jobId"))
        .containsExactlyInAnyOrder(id + ".headline.1", id + ".hero.1", id + ".landing.1");
    assertThat(parts.path("jobs").findValuesAsString("stage")).containsOnly("DELIVERED");
    assertThat(parts.path("jobs").findValuesAsString("bundleId")).containsOnly(id);
    assertThat(
            Http.json(http.get("/api/jobs?kind=bundle&tag=" + tag))
                .path("jobs")
                .findValuesAsString("jobId"))
        .containsExactly(id);
    HttpResponse<String> unknownKind = http.get("/api/jobs?kind=part");
    assertThat(unknownKind.statusCode()).isEqualTo(400);
    assertThat(Http.json(unknownKind).path("fields").findValuesAsString("field"))
        .containsExactly("kind");
  }

  @Test
  void should_answer_the_bundle_s_timeline_from_the_store() {
    // given
    String id = Http.json(http.post("/api/bundles", BUNDLE)).path("bundleId").asString();
    awaitDecision(id);
    http.post("/api/bundles/" + id + "/decide", "{\"action\":\"APPROVE\"}");

    // when
    JsonNode timeline =
        awaitAnswer(
            "/api/jobs/" + id + "/timeline", t -> t.path("stage").asString().equals("APPROVED"));

    // then
    assertThat(timeline.path("bundleId").asString()).isEqualTo(id);
    List<String> types = timeline.path("events").findValuesAsString("type");
    assertThat(types.get(0)).isEqualTo("SUBMITTED");
    assertThat(types).contains("PART", "STAGE", "DECISION");
    assertThat(types.get(types.size() - 1)).isEqualTo("FINISHED");
    assertThat(http.get("/api/bundles/bundle-never-ran/timeline").statusCode()).isEqualTo(404);
  }

  @Test
  void should_start_one_bundle_for_a_key_sent_twice_and_refuse_the_key_with_another_body() {
    // given
    String key = "bundle-" + UUID.randomUUID();

    // when
    HttpResponse<String> first = http.post("/api/bundles", BUNDLE, "Idempotency-Key", key);
    HttpResponse<String> again = http.post("/api/bundles", BUNDLE, "Idempotency-Key", key);
    HttpResponse<String> other =
        http.post("/api/bundles", "{\"parts\":[" + HEADLINE + "]}", "Idempotency-Key", key);

    // then
    assertThat(first.statusCode()).isEqualTo(201);
    assertThat(again.statusCode()).isEqualTo(200);
    String id = Http.json(first).path("bundleId").asString();
    assertThat(id).isEqualTo("bundle-" + key);
    assertThat(Http.json(again).path("bundleId").asString()).isEqualTo(id);
    assertThat(Http.json(first).path("created").asBoolean()).isTrue();
    assertThat(Http.json(again).path("created").asBoolean()).isFalse();
    assertThat(other.statusCode()).as("refused as a job's reused key is").isEqualTo(422);
    assertThat(Http.json(other).path("error").asString()).contains(id);
    awaitDecision(id);
    assertThat(Http.json(http.get("/api/bundles/" + id)).path("parts").findValuesAsString("jobId"))
        .as("one workflow: each part ran once")
        .containsExactly(id + ".headline.1", id + ".hero.1", id + ".landing.1");
  }

  private static String tagged(String bundle, String tag) {
    return bundle.substring(0, bundle.length() - 1) + ",\"tags\":[\"" + tag + "\"]}";
  }

  private static JsonNode item(JsonNode page, String id) {
    for (JsonNode item : page.path("jobs")) {
      if (item.path("jobId").asString().equals(id)) {
        return item;
      }
    }
    throw new AssertionError(id + " is not listed");
  }

  private JsonNode awaitDecision(String id) {
    return awaitAnswer(
        "/api/bundles/" + id,
        status -> status.path("stage").asString().equals("AWAITING_APPROVAL"));
  }

  /** Polls a GET until its JSON answer satisfies the condition, and returns that answer. */
  private JsonNode awaitAnswer(String path, Predicate<JsonNode> condition) {
    return await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(100))
        .until(() -> Http.json(http.get(path)), condition::test);
  }

  private static Map<String, byte[]> unzip(byte[] zip) throws IOException {
    Map<String, byte[]> entries = new LinkedHashMap<>();
    try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
      for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
        entries.put(entry.getName(), in.readAllBytes());
      }
    }
    return entries;
  }
}
