package dev.conveyor.starter.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.conveyor.starter.security.ApiKeys;
import dev.conveyor.starter.testing.ConveyorAppTestSupport;
import dev.conveyor.starter.testing.Http;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * {@code GET /api/jobs} and {@code GET /api/jobs/{id}/timeline}: jobs submitted through the REST
 * API, run by the real workflow, projected into a real PostgreSQL and read back by the starter.
 */
class JobHistoryApiTests extends ConveyorAppTestSupport {

  /** One API key per test: its name, the submitter of the test's jobs, keeps tests apart. */
  private static final int KEYS = 20;

  private static final String RUN = UUID.randomUUID().toString();
  private static final AtomicInteger NEXT_KEY = new AtomicInteger();

  private Http http;
  private String submitter;

  @DynamicPropertySource
  static void apiKeys(DynamicPropertyRegistry registry) {
    for (int i = 0; i < KEYS; i++) {
      int key = i;
      String prefix = "conveyor.security.api-keys[" + i + "].";
      registry.add(prefix + "name", () -> "svc-" + RUN + "-" + key);
      registry.add(prefix + "sha256", () -> ApiKeys.sha256("history-key-" + key));
      registry.add(prefix + "roles", () -> "submitter,reviewer,admin");
    }
  }

  @BeforeEach
  void connect() {
    int key = NEXT_KEY.getAndIncrement() % KEYS;
    http = new Http(baseUrl(), "history-key-" + key);
    submitter = "svc-" + RUN + "-" + key;
  }

  @Test
  void should_list_jobs_newest_first_and_filter_them_by_state_stage_tag_and_time() {
    // given: two jobs waiting for a reviewer, one approved by policy, started in this order
    Instant before = Instant.now().minusSeconds(1);
    String first = submit("ALWAYS", "red");
    awaitListed("", 1);
    String second = submit("ALWAYS", "blue");
    awaitListed("", 2);
    String approved = submit("NEVER", "red");
    awaitListed("&stage=AWAITING_APPROVAL", 2);
    awaitListed("&state=APPROVED", 1);

    // when
    JsonNode all = list("");

    // then
    assertThat(all.path("total").asLong()).isEqualTo(3);
    assertThat(ids(all)).containsExactly(approved, second, first);
    JsonNode job = all.path("jobs").get(0);
    assertThat(job.path("stage").asString()).isEqualTo("APPROVED");
    assertThat(job.path("submitter").asString()).isEqualTo(submitter);
    assertThat(job.path("tags").get(0).asString()).isEqualTo("red");
    assertThat(job.path("outputKind").asString()).isEqualTo("TEXT");
    assertThat(job.path("costUsd").asDouble()).isPositive();
    assertThat(Instant.parse(job.path("createdAt").asString())).isAfter(before);
    assertThat(ids(list("&state=running"))).containsExactly(second, first);
    assertThat(ids(list("&state=finished"))).containsExactly(approved);
    assertThat(ids(list("&state=approved"))).containsExactly(approved);
    assertThat(ids(list("&tag=red"))).containsExactly(approved, first);
    assertThat(ids(list("&stage=awaiting_approval&tag=blue"))).containsExactly(second);
    assertThat(ids(list("&createdFrom=" + before))).hasSize(3);
    assertThat(ids(list("&createdTo=" + before))).isEmpty();
    JsonNode page = list("&size=2&page=1");
    assertThat(ids(page)).containsExactly(first);
    assertThat(page.path("page").asInt()).isEqualTo(1);
    assertThat(page.path("size").asInt()).isEqualTo(2);
    assertThat(page.path("total").asLong()).isEqualTo(3);
    assertThat(ids(list("&stage=AWAITING_APPROVAL&order=oldest-awaiting")))
        .containsExactly(first, second);
  }

  @Test
  void should_answer_a_jobs_timeline_from_submission_to_its_end() {
    // given
    String jobId = submit("NEVER", "timeline");
    awaitListed("&state=APPROVED", 1);

    // when
    HttpResponse<String> response = http.get("/api/jobs/" + jobId + "/timeline");

    // then
    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode timeline = Http.json(response);
    assertThat(timeline.path("jobId").asString()).isEqualTo(jobId);
    assertThat(timeline.path("stage").asString()).isEqualTo("APPROVED");
    List<String> types = new ArrayList<>();
    timeline.path("events").forEach(e -> types.add(e.path("type").asString()));
    assertThat(types)
        .startsWith("SUBMITTED", "STAGE", "MODEL_CALL")
        .contains("QA_VERDICT")
        .endsWith("DECISION", "FINISHED");
    JsonNode decision = timeline.path("events").get(types.size() - 2);
    assertThat(decision.path("actor").asString()).isEqualTo("policy");
    assertThat(Instant.parse(decision.path("at").asString())).isBefore(Instant.now());
  }

  @Test
  void should_answer_404_for_the_timeline_of_an_unknown_job() {
    HttpResponse<String> response = http.get("/api/jobs/job-never-submitted/timeline");

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(Http.json(response).path("error").asString())
        .isEqualTo("job job-never-submitted not found");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "size=0, size",
    "size=201, size",
    "size=ten, size",
    "page=-1, page",
    "state=stuck, state",
    "state=GENERATE, state",
    "stage=DRAFT, stage",
    "createdFrom=yesterday, createdFrom",
    "createdFrom=2026-03-02T00:00:00Z&createdTo=2026-03-01T00:00:00Z, createdTo",
    "awaitingFor=a-day, awaitingFor",
    "order=random, order",
    "colour=red, colour"
  })
  void should_answer_400_naming_the_parameter_when_a_listing_value_is_bad(
      String query, String field) {
    HttpResponse<String> response = http.get("/api/jobs?" + query);

    assertThat(response.statusCode()).isEqualTo(400);
    JsonNode body = Http.json(response);
    assertThat(body.path("error").asString()).isEqualTo("invalid job listing");
    assertThat(body.path("fields").get(0).path("field").asString()).isEqualTo(field);
  }

  @Test
  void should_export_the_number_of_jobs_awaiting_approval_as_a_gauge() {
    // given
    submit("ALWAYS", "gauge");
    awaitListed("&stage=AWAITING_APPROVAL", 1);
    long awaiting =
        Http.json(http.get("/api/jobs?stage=AWAITING_APPROVAL&size=1")).path("total").asLong();

    // when, then: the gauge is cached for a few seconds
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () ->
                assertThat(http.get("/actuator/prometheus").body())
                    .containsPattern(
                        "(?m)^conveyor_jobs_awaiting_approval(\\{[^}]*\\})? "
                            + awaiting
                            + "(\\.0)?$"));
  }

  private String submit(String policy, String tag) {
    String body =
        "{\"requirements\":\"A haiku about "
            + tag
            + "\",\"outputKind\":\"TEXT\",\"approvalPolicy\":\""
            + policy
            + "\",\"submitter\":\""
            + submitter
            + "\",\"tags\":[\""
            + tag
            + "\"]}";
    HttpResponse<String> response = http.post("/api/jobs", body);
    assertThat(response.statusCode()).isEqualTo(201);
    return Http.json(response).path("jobId").asString();
  }

  private JsonNode list(String query) {
    HttpResponse<String> response = http.get("/api/jobs?submitter=" + submitter + query);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return Http.json(response);
  }

  private void awaitListed(String query, int count) {
    await().atMost(Duration.ofSeconds(30)).until(() -> list(query).path("total").asLong() == count);
  }

  private static List<String> ids(JsonNode page) {
    List<String> ids = new ArrayList<>();
    page.path("jobs").forEach(job -> ids.add(job.path("jobId").asString()));
    return ids;
  }
}
