package dev.conveyor.starter.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.conveyor.starter.cli.ConveyorCli;
import dev.conveyor.starter.testing.ApiKeyProperties;
import dev.conveyor.starter.testing.ConsolePages;
import dev.conveyor.starter.testing.FileScriptedActivities;
import dev.conveyor.starter.testing.Http;
import dev.conveyor.store.JdbcJobStoreWriter;
import dev.conveyor.store.testing.TestPostgres;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.RequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import tools.jackson.databind.JsonNode;

/**
 * The starter when Temporal loses its jobs: the real workflow on a Temporal test server that the
 * tests stop and start again empty (as the local stack's in-memory server does when it restarts), a
 * worker the tests stop and start, and the job store in a real PostgreSQL. The steps build on each
 * other, in order: no worker, Temporal down, Temporal back without the jobs, resubmission.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "conveyor.jobs.reconcile-every=PT1H")
@AutoConfigureMockMvc
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TemporalLossTests {

  private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
  private static final String SUBMITTER_KEY = "sam-key";
  private static final String REVIEWER_KEY = "rita-key";

  @TempDir static Path artifactsDir;

  private static RestartableTemporal temporal;

  /** A job parked for approval before anything is stopped. */
  private static String parked;

  /** A second parked job, resubmitted through the CLI and the console. */
  private static String parkedToo;

  /** A job approved by policy before Temporal loses it, and its output. */
  private static String finished;

  private static byte[] finishedOutput;

  @LocalServerPort int port;
  @Autowired LostJobs lostJobs;
  @Autowired MockMvc mvc;

  private Http admin;

  @DynamicPropertySource
  static void stack(DynamicPropertyRegistry registry) {
    TestPostgres.Database store = TestPostgres.migratedDatabase();
    registry.add("spring.datasource.url", store::url);
    registry.add("spring.datasource.username", () -> TestPostgres.Database.USER);
    registry.add("conveyor.artifacts.dir", () -> artifactsDir.toString());
    FileScriptedActivities activities =
        new FileScriptedActivities(artifactsDir, new JdbcJobStoreWriter(store.dataSource()));
    temporal = new RestartableTemporal(activities, "conveyor-jobs");
    temporal.startServer();
    temporal.startWorker();
    registry.add("spring.temporal.connection.target", temporal::target);
    key(registry, 0, "local-dev", Http.DEV_KEY, "submitter,reviewer,admin");
    key(registry, 1, "sam", SUBMITTER_KEY, "submitter");
    key(registry, 2, "rita", REVIEWER_KEY, "reviewer");
  }

  private static void key(
      DynamicPropertyRegistry registry, int index, String name, String key, String roles) {
    ApiKeyProperties.register(registry, index, name, key, roles);
  }

  @AfterAll
  static void stopTemporal() {
    temporal.close();
  }

  @BeforeEach
  void connect() {
    admin = new Http(baseUrl());
  }

  @Test
  @Order(1)
  void should_answer_the_status_from_the_store_marked_as_such_while_no_worker_answers() {
    // given: a job parked for approval, answered by its workflow
    parked = submit("ALWAYS", "parked");
    parkedToo = submit("ALWAYS", "parked-too");
    finished = submit("NEVER", "finished");
    awaitStage(parked, "AWAITING_APPROVAL");
    awaitStage(parkedToo, "AWAITING_APPROVAL");
    awaitStage(finished, "APPROVED");
    finishedOutput = admin.getBytes("/api/jobs/" + finished + "/output").body();
    assertThat(statusOf(parked).path("source").asString()).isEqualTo("TEMPORAL");

    // when
    temporal.stopWorker();
    JsonNode withoutWorker = statusOf(parked);
    temporal.startWorker();

    // then
    assertThat(withoutWorker.path("source").asString()).isEqualTo("STORE");
    assertThat(withoutWorker.path("sourceReason").asString())
        .startsWith("no answer from Temporal within 1500 ms");
    assertThat(withoutWorker.path("stage").asString()).isEqualTo("AWAITING_APPROVAL");
    assertThat(withoutWorker.path("awaiting").path("reason").asString()).isEqualTo("POLICY");
    assertThat(withoutWorker.path("output").path("sha256").asString()).isNotBlank();
    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> statusOf(parked).path("source").asString().equals("TEMPORAL"));
  }

  @Test
  @Order(2)
  void should_mark_no_job_lost_while_temporal_is_unreachable() throws Exception {
    // when
    temporal.stopServer();
    LostJobs.Reconciliation look = lostJobs.reconcile();
    JsonNode whileDown = statusOf(parked);

    // then
    assertThat(look.temporalUnreachable()).isTrue();
    assertThat(look.markedLost()).isEmpty();
    assertThat(whileDown.path("stage").asString()).isEqualTo("AWAITING_APPROVAL");
    assertThat(whileDown.path("source").asString()).isEqualTo("STORE");
    assertThat(ids(list("stage=AWAITING_APPROVAL"))).contains(parked, parkedToo);
    assertThat(page(get("/console").with(reviewer()))).contains(parked);
    assertThat(page(get("/console/jobs/" + parked).with(reviewer())))
        .contains("AWAITING_APPROVAL")
        .doesNotContain("id=\"resubmit\"");
  }

  @Test
  @Order(3)
  void should_mark_the_unfinished_jobs_lost_with_their_reason_once_temporal_is_back_without_them()
      throws Exception {
    // given: Temporal back, empty, with a worker
    temporal.startServer();
    temporal.startWorker();
    LostJobReconciler reconciler = new LostJobReconciler(lostJobs, Duration.ofMillis(500));

    // when: the reconciler looks every half second until the channel is back
    try {
      reconciler.onApplicationEvent(null);
      await()
          .atMost(Duration.ofSeconds(120))
          .until(() -> ids(list("state=LOST")).containsAll(List.of(parked, parkedToo)));
    } finally {
      reconciler.destroy();
    }

    // then
    assertThat(ids(list("state=LOST"))).doesNotContain(finished);
    JsonNode lost = statusOf(parked);
    assertThat(lost.path("stage").asString()).isEqualTo("LOST");
    assertThat(lost.path("reason").asString()).isEqualTo(LostJobs.REASON);
    assertThat(lost.path("source").asString()).isEqualTo("STORE");
    assertThat(lost.path("sourceReason").asString())
        .isEqualTo("Temporal no longer knows the job's workflow");
    assertThat(lost.path("awaiting").isNull()).isTrue();
    assertThat(ids(list("state=LOST"))).contains(parked, parkedToo);
    assertThat(ids(list("stage=AWAITING_APPROVAL"))).doesNotContain(parked, parkedToo);
    HttpResponse<String> approval =
        new Http(baseUrl(), REVIEWER_KEY).post("/api/jobs/" + parked + "/approve", null);
    assertThat(approval.statusCode()).isEqualTo(409);
    assertThat(Http.json(approval).path("error").asString())
        .startsWith("job " + parked + " is lost");
    assertThat(ids(list("state=running"))).doesNotContain(parked, parkedToo);
    assertThat(page(get("/console").with(reviewer()))).doesNotContain(parked);
    assertThat(page(get("/console/jobs/" + parked).with(user("sam").roles("SUBMITTER"))))
        .contains("LOST")
        .contains("no longer knows this job")
        .contains("id=\"resubmit\"");
    assertThat(page(get("/console/jobs/" + parked).with(reviewer())))
        .doesNotContain("id=\"resubmit\"");
  }

  @Test
  @Order(4)
  void should_answer_status_output_timeline_and_page_of_a_job_temporal_no_longer_has()
      throws Exception {
    // when
    JsonNode stored = statusOf(finished);
    HttpResponse<byte[]> output = admin.getBytes("/api/jobs/" + finished + "/output");
    HttpResponse<String> timeline = admin.get("/api/jobs/" + finished + "/timeline");
    String page = page(get("/console/jobs/" + finished).with(reviewer()));

    // then
    assertThat(stored.path("stage").asString()).isEqualTo("APPROVED");
    assertThat(stored.path("source").asString()).isEqualTo("STORE");
    assertThat(stored.path("attempts").size()).isPositive();
    assertThat(stored.path("calls").size()).isPositive();
    assertThat(stored.path("usageByStep").path("TEXT_GENERATION").path("calls").asInt())
        .isPositive();
    assertThat(stored.path("decisions").get(0).path("reviewer").asString()).isEqualTo("policy");
    assertThat(output.statusCode()).isEqualTo(200);
    assertThat(output.body()).isEqualTo(finishedOutput);
    assertThat(timeline.statusCode()).isEqualTo(200);
    JsonNode events = Http.json(timeline).path("events");
    assertThat(events.get(events.size() - 1).path("type").asString()).isEqualTo("FINISHED");
    assertThat(page).contains("APPROVED").contains("id=\"output-text\"");
    assertThat(admin.get("/api/jobs/job-never-submitted-" + RUN).statusCode()).isEqualTo(404);
  }

  @Test
  @Order(5)
  void should_resubmit_a_lost_job_once_linked_both_ways_and_run_the_new_job_to_its_end() {
    // given
    Http sam = new Http(baseUrl(), SUBMITTER_KEY);
    String key = "again-" + RUN;

    // when
    HttpResponse<String> first = resubmit(sam, parked, key);
    HttpResponse<String> repeated = resubmit(sam, parked, key);
    HttpResponse<String> withoutKey = resubmit(sam, parked, null);

    // then
    assertThat(first.statusCode()).as(first.body()).isEqualTo(201);
    String replacement = Http.json(first).path("jobId").asString();
    assertThat(replacement).isEqualTo("job-" + key);
    assertThat(first.headers().firstValue("Location")).hasValue(baseUrl() + "/api/jobs/job-" + key);
    assertThat(repeated.statusCode()).isEqualTo(200);
    assertThat(Http.json(repeated).path("jobId").asString()).isEqualTo(replacement);
    assertThat(Http.json(repeated).path("created").asBoolean()).isFalse();
    assertThat(withoutKey.statusCode()).isEqualTo(200);
    assertThat(Http.json(withoutKey).path("jobId").asString()).isEqualTo(replacement);
    assertThat(statusOf(parked).path("resubmittedAs").asString()).isEqualTo(replacement);
    awaitStage(replacement, "AWAITING_APPROVAL");
    JsonNode running = statusOf(replacement);
    assertThat(running.path("source").asString()).isEqualTo("TEMPORAL");
    assertThat(running.path("resubmittedFrom").asString()).isEqualTo(parked);
    JsonNode listed = list("submitter=sam");
    assertThat(ids(listed)).contains(replacement);
    assertThat(listed.path("jobs").get(0).path("resubmittedFrom").asString()).isEqualTo(parked);
    assertThat(list("state=LOST").path("jobs"))
        .anySatisfy(
            job -> {
              assertThat(job.path("jobId").asString()).isEqualTo(parked);
              assertThat(job.path("resubmittedAs").asString()).isEqualTo(replacement);
            });

    // when: a reviewer approves the new job
    HttpResponse<String> approved =
        new Http(baseUrl(), REVIEWER_KEY)
            .post("/api/jobs/" + replacement + "/approve", "{\"comment\":\"fine again\"}");

    // then
    assertThat(approved.statusCode()).as(approved.body()).isEqualTo(200);
    awaitStage(replacement, "APPROVED");
    assertThat(admin.getBytes("/api/jobs/" + replacement + "/output").statusCode()).isEqualTo(200);
  }

  @Test
  @Order(6)
  void should_resubmit_from_the_command_line_and_the_console_button_once() throws Exception {
    // when
    Run cli = cli("resubmit", parkedToo);
    Run again = cli("resubmit", parkedToo);
    Run shown = cli("status", parkedToo);
    mvc.perform(
            post("/console/jobs/" + parkedToo + "/resubmit")
                .with(user("sam").roles("SUBMITTER"))
                .with(csrf()))
        .andExpect(status().is3xxRedirection())
        .andExpect(flash().attribute("notice", "Resubmitted as " + cli.out().get(0) + "."));

    // then
    assertThat(cli.exitCode()).as(cli.err().toString()).isZero();
    String replacement = cli.out().get(0);
    assertThat(replacement).isEqualTo(parkedToo + Resubmissions.KEY_SUFFIX);
    assertThat(again.exitCode()).isZero();
    assertThat(again.out()).containsExactly(replacement);
    assertThat(again.err())
        .containsExactly("conveyor: " + parkedToo + " was already resubmitted as " + replacement);
    assertThat(String.join("\n", shown.out()))
        .contains("stage:    LOST")
        .contains("source:   job store: Temporal no longer knows the job's workflow")
        .contains("resubmitted as " + replacement);
    assertThat(page(get("/console/jobs/" + parkedToo).with(user("sam").roles("SUBMITTER"))))
        .contains("id=\"resubmitted-as\"")
        .doesNotContain("id=\"resubmit\"");
    awaitStage(replacement, "AWAITING_APPROVAL");
    assertThat(page(get("/console/jobs/" + replacement).with(reviewer())))
        .contains("id=\"resubmitted-from\"");
  }

  @Test
  @Order(7)
  void should_refuse_a_resubmission_without_the_role_of_a_job_not_lost_or_with_a_lost_jobs_key()
      throws Exception {
    assertThat(resubmit(new Http(baseUrl(), null), parked, null).statusCode()).isEqualTo(401);
    assertThat(resubmit(new Http(baseUrl(), REVIEWER_KEY), parked, null).statusCode())
        .isEqualTo(403);
    mvc.perform(post("/console/jobs/" + parked + "/resubmit").with(reviewer()).with(csrf()))
        .andExpect(status().isForbidden());
    HttpResponse<String> notLost = resubmit(admin, finished, null);
    assertThat(notLost.statusCode()).isEqualTo(409);
    assertThat(Http.json(notLost).path("error").asString())
        .isEqualTo(
            "job "
                + finished
                + " is APPROVED, not LOST: only a job Temporal has lost can be resubmitted");
    assertThat(resubmit(admin, "job-unknown-" + RUN, null).statusCode()).isEqualTo(404);
    HttpResponse<String> keyOfLostJob =
        admin.post(
            "/api/jobs",
            "{\"requirements\":\"A haiku about parked\",\"outputKind\":\"TEXT\"}",
            "Idempotency-Key",
            parked.substring("job-".length()));
    assertThat(keyOfLostJob.statusCode()).isEqualTo(409);
    assertThat(Http.json(keyOfLostJob).path("error").asString())
        .startsWith("the idempotency key names job " + parked + ", which Temporal no longer knows");
    HttpResponse<String> badKey = resubmit(admin, parked, "no spaces");
    assertThat(badKey.statusCode()).isEqualTo(400);
    assertThat(Http.json(badKey).path("fields").get(0).path("field").asString())
        .isEqualTo("idempotencyKey");
  }

  private HttpResponse<String> resubmit(Http http, String jobId, String key) {
    return key == null
        ? http.post("/api/jobs/" + jobId + "/resubmit", null)
        : http.post("/api/jobs/" + jobId + "/resubmit", null, "Idempotency-Key", key);
  }

  private String submit(String policy, String tag) {
    HttpResponse<String> response =
        admin.post(
            "/api/jobs",
            "{\"requirements\":\"A haiku about "
                + tag
                + "\",\"outputKind\":\"TEXT\",\"approvalPolicy\":\""
                + policy
                + "\",\"tags\":[\""
                + RUN
                + "\"]}");
    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    return Http.json(response).path("jobId").asString();
  }

  private JsonNode statusOf(String jobId) {
    HttpResponse<String> response = admin.get("/api/jobs/" + jobId);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return Http.json(response);
  }

  private void awaitStage(String jobId, String stage) {
    await().atMost(Duration.ofSeconds(60)).until(() -> ids(list("stage=" + stage)).contains(jobId));
  }

  private JsonNode list(String query) {
    HttpResponse<String> response = admin.get("/api/jobs?size=200&" + query);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return Http.json(response);
  }

  private static List<String> ids(JsonNode page) {
    List<String> ids = new ArrayList<>();
    page.path("jobs").forEach(job -> ids.add(job.path("jobId").asString()));
    return ids;
  }

  private String page(RequestBuilder request) throws Exception {
    return ConsolePages.ok(mvc, request);
  }

  private static RequestPostProcessor reviewer() {
    return user("rita").roles("REVIEWER");
  }

  private String baseUrl() {
    return "http://localhost:" + port;
  }

  /** One run of the command line: its exit code and what it printed. */
  record Run(int exitCode, List<String> out, List<String> err) {}

  private Run cli(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    String[] withUrl = new String[args.length + 2];
    System.arraycopy(args, 0, withUrl, 0, args.length);
    withUrl[args.length] = "--url";
    withUrl[args.length + 1] = baseUrl();
    int code =
        new ConveyorCli(
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8),
                Map.of("CONVEYOR_API_KEY", SUBMITTER_KEY),
                Duration.ofMillis(200))
            .run(withUrl);
    return new Run(
        code,
        lines(out.toString(StandardCharsets.UTF_8)),
        lines(err.toString(StandardCharsets.UTF_8)));
  }

  private static List<String> lines(String text) {
    return text.isEmpty() ? List.of() : List.of(text.split("\n"));
  }
}
