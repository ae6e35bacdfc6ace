package dev.conveyor.starter.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.conveyor.starter.testing.ConveyorAppTestSupport;
import dev.conveyor.starter.testing.Http;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Every REST endpoint for each caller: anonymous, submitter, reviewer and admin (plus a service
 * with both the submitter and reviewer roles), against the real workflow.
 */
class ApiSecurityTests extends ConveyorAppTestSupport {

  /** Callers: the API key each sends (null for none), and the key's principal. */
  enum Caller {
    ANONYMOUS(null, null),
    SUBMITTER("submitter-key", "shop-service"),
    REVIEWER("reviewer-key", "review-bot"),
    ADMIN("admin-key", "ops"),
    SUBMITTER_AND_REVIEWER("both-key", "studio");

    final String key;
    final String principal;

    Caller(String key, String principal) {
      this.key = key;
      this.principal = principal;
    }
  }

  @DynamicPropertySource
  static void apiKeys(DynamicPropertyRegistry registry) {
    Map<Caller, String> roles =
        Map.of(
            Caller.SUBMITTER, "submitter",
            Caller.REVIEWER, "reviewer",
            Caller.ADMIN, "admin",
            Caller.SUBMITTER_AND_REVIEWER, "submitter,reviewer");
    int i = 0;
    for (Caller caller : Caller.values()) {
      if (caller.key == null) {
        continue;
      }
      String prefix = "conveyor.security.api-keys[" + i++ + "].";
      registry.add(prefix + "name", () -> caller.principal);
      registry.add(prefix + "sha256", () -> ApiKeys.sha256(caller.key));
      registry.add(prefix + "roles", () -> roles.get(caller));
    }
  }

  static Stream<Arguments> matrix() {
    return Stream.of(
        // endpoint, caller, expected status
        Arguments.of("POST /api/jobs", Caller.ANONYMOUS, 401),
        Arguments.of("POST /api/jobs", Caller.SUBMITTER, 201),
        Arguments.of("POST /api/jobs", Caller.REVIEWER, 403),
        Arguments.of("POST /api/jobs", Caller.ADMIN, 201),
        Arguments.of("GET /api/jobs/{id}", Caller.ANONYMOUS, 401),
        Arguments.of("GET /api/jobs/{id}", Caller.SUBMITTER, 200),
        Arguments.of("GET /api/jobs/{id}", Caller.REVIEWER, 200),
        Arguments.of("GET /api/jobs/{id}", Caller.ADMIN, 200),
        Arguments.of("GET /api/jobs", Caller.ANONYMOUS, 401),
        Arguments.of("GET /api/jobs", Caller.SUBMITTER, 200),
        Arguments.of("GET /api/jobs", Caller.REVIEWER, 200),
        Arguments.of("GET /api/jobs", Caller.ADMIN, 200),
        Arguments.of("GET /api/jobs/{id}/timeline", Caller.ANONYMOUS, 401),
        Arguments.of("GET /api/jobs/{id}/timeline", Caller.SUBMITTER, 200),
        Arguments.of("GET /api/jobs/{id}/timeline", Caller.REVIEWER, 200),
        Arguments.of("GET /api/jobs/{id}/timeline", Caller.ADMIN, 200),
        Arguments.of("GET /api/jobs/{id}/output", Caller.ANONYMOUS, 401),
        Arguments.of("GET /api/jobs/{id}/output", Caller.SUBMITTER, 200),
        Arguments.of("GET /api/jobs/{id}/output", Caller.REVIEWER, 200),
        Arguments.of("GET /api/jobs/{id}/output", Caller.ADMIN, 200),
        Arguments.of("POST /api/jobs/{id}/approve", Caller.ANONYMOUS, 401),
        Arguments.of("POST /api/jobs/{id}/approve", Caller.SUBMITTER, 403),
        Arguments.of("POST /api/jobs/{id}/approve", Caller.REVIEWER, 200),
        Arguments.of("POST /api/jobs/{id}/approve", Caller.ADMIN, 200),
        Arguments.of("POST /api/jobs/{id}/reject", Caller.ANONYMOUS, 401),
        Arguments.of("POST /api/jobs/{id}/reject", Caller.SUBMITTER, 403),
        Arguments.of("POST /api/jobs/{id}/reject", Caller.REVIEWER, 200),
        Arguments.of("POST /api/jobs/{id}/reject", Caller.ADMIN, 200),
        Arguments.of("POST /api/jobs/{id}/cancel", Caller.ANONYMOUS, 401),
        Arguments.of("POST /api/jobs/{id}/cancel", Caller.SUBMITTER, 403),
        Arguments.of("POST /api/jobs/{id}/cancel", Caller.REVIEWER, 403),
        Arguments.of("POST /api/jobs/{id}/cancel", Caller.ADMIN, 202));
  }

  @ParameterizedTest(name = "{0} as {1}: {2}")
  @MethodSource("matrix")
  void should_answer_each_endpoint_by_the_callers_role(
      String endpoint, Caller caller, int expected) {
    String jobId = awaitingJob();
    String[] parts = endpoint.split(" ");
    String path = parts[1].replace("{id}", jobId);
    String body =
        parts[0].equals("POST") && path.endsWith("/jobs")
            ? "{\"requirements\":\"A slogan\",\"outputKind\":\"TEXT\"}"
            : path.endsWith("/reject") ? "{\"comment\":\"no\"}" : null;
    Http http = new Http(baseUrl(), caller.key);

    HttpResponse<String> response = parts[0].equals("GET") ? http.get(path) : http.post(path, body);

    assertThat(response.statusCode()).as(response.body()).isEqualTo(expected);
    if (expected == 401) {
      assertThat(response.body())
          .isEqualTo(
              "{\"error\":\"authentication required: send an API key in the X-API-Key header (or"
                  + " a bearer token)\"}");
    }
    if (expected == 403) {
      assertThat(response.body())
          .isEqualTo(
              "{\"error\":\"forbidden: your roles do not allow " + parts[0] + " " + path + "\"}");
    }
  }

  @Test
  void should_answer_401_with_json_when_the_key_is_not_configured() {
    HttpResponse<String> response = new Http(baseUrl(), "guessed-key").get("/api/jobs/job-1");

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.headers().firstValue("Content-Type").orElseThrow())
        .startsWith("application/json");
    assertThat(response.body())
        .isEqualTo(
            "{\"error\":\"invalid API key: the X-API-Key header matches no configured key\"}");
  }

  @Test
  void should_answer_an_unknown_api_path_401_anonymously_and_404_with_json_once_authenticated() {
    HttpResponse<String> anonymous = new Http(baseUrl(), null).get("/api/nothing-here");
    HttpResponse<String> admin = new Http(baseUrl(), Caller.ADMIN.key).get("/api/nothing-here");

    assertThat(anonymous.statusCode()).isEqualTo(401);
    assertThat(admin.statusCode()).isEqualTo(404);
    assertThat(Http.json(admin).path("error").asString()).isNotBlank();
  }

  @Test
  void should_keep_health_and_prometheus_open_and_set_no_session_on_the_api() {
    Http anonymous = new Http(baseUrl(), null);

    assertThat(anonymous.get("/actuator/health").statusCode()).isEqualTo(200);
    assertThat(anonymous.get("/actuator/prometheus").statusCode()).isEqualTo(200);
    HttpResponse<String> api = new Http(baseUrl(), Caller.ADMIN.key).get("/api/jobs/job-none");
    assertThat(api.statusCode()).isEqualTo(404);
    assertThat(api.headers().firstValue("Set-Cookie")).isEmpty();
  }

  @Test
  void should_record_the_principal_as_submitter_and_reviewer_whatever_the_body_says() {
    Http submitter = new Http(baseUrl(), Caller.SUBMITTER.key);
    HttpResponse<String> impostor =
        submitter.post(
            "/api/jobs",
            "{\"requirements\":\"A slogan\",\"outputKind\":\"TEXT\",\"submitter\":\"ceo\"}");
    String jobId = awaitingJob();
    Http reviewer = new Http(baseUrl(), Caller.REVIEWER.key);

    HttpResponse<String> namedOther =
        reviewer.post("/api/jobs/" + jobId + "/approve", "{\"reviewer\":\"ceo\"}");
    HttpResponse<String> approved =
        reviewer.post("/api/jobs/" + jobId + "/approve", "{\"comment\":\"fine\"}");

    assertThat(impostor.statusCode()).isEqualTo(400);
    assertThat(Http.json(impostor).path("fields").get(0).path("field").asString())
        .isEqualTo("submitter");
    assertThat(namedOther.statusCode()).isEqualTo(400);
    assertThat(approved.statusCode()).isEqualTo(200);
    JsonNode decision = Http.json(approved).path("decisions").get(0);
    assertThat(decision.path("reviewer").asString()).isEqualTo("review-bot");
    assertThat(decision.path("comment").asString()).isEqualTo("fine");
    assertThat(Http.json(approved).path("reason").asString()).isEqualTo("approved by review-bot");
  }

  @Test
  void should_refuse_with_403_an_approval_by_the_jobs_own_submitter() {
    Http studio = new Http(baseUrl(), Caller.SUBMITTER_AND_REVIEWER.key);
    String jobId = awaitingJob(studio);

    HttpResponse<String> self = studio.post("/api/jobs/" + jobId + "/approve", null);
    HttpResponse<String> selfReject =
        studio.post("/api/jobs/" + jobId + "/reject", "{\"comment\":\"not mine to pass\"}");

    assertThat(self.statusCode()).isEqualTo(403);
    assertThat(self.body())
        .isEqualTo(
            "{\"error\":\"studio submitted job "
                + jobId
                + " and may not approve it: another reviewer must"
                + " (conveyor.security.allow-self-approval is false)\"}");
    assertThat(selfReject.statusCode()).as("rejecting one's own job is allowed").isEqualTo(200);
  }

  @Test
  void should_let_another_reviewer_approve_a_job_its_submitter_may_not() {
    String jobId = awaitingJob(new Http(baseUrl(), Caller.SUBMITTER_AND_REVIEWER.key));

    HttpResponse<String> other =
        new Http(baseUrl(), Caller.REVIEWER.key).post("/api/jobs/" + jobId + "/approve", null);

    assertThat(other.statusCode()).isEqualTo(200);
    assertThat(Http.json(other).path("stage").asString()).isEqualTo("APPROVED");
  }

  private String awaitingJob() {
    return awaitingJob(new Http(baseUrl(), Caller.ADMIN.key));
  }

  /** Submits a text job as the given caller and waits until it awaits a decision. */
  static String awaitingJob(Http http) {
    HttpResponse<String> submitted =
        http.post("/api/jobs", "{\"requirements\":\"A slogan\",\"outputKind\":\"TEXT\"}");
    assertThat(submitted.statusCode()).as(submitted.body()).isEqualTo(201);
    String jobId = Http.json(submitted).path("jobId").asString();
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                Http.json(http.get("/api/jobs/" + jobId))
                    .path("stage")
                    .asString()
                    .equals("AWAITING_APPROVAL"));
    return jobId;
  }
}
