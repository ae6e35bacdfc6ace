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
import java.util.Map;
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

  private JsonNode awaitDecision(String id) {
    return await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(100))
        .until(
            () -> Http.json(http.get("/api/bundles/" + id)),
            status -> status.path("stage").asString().equals("AWAITING_APPROVAL"));
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
