package dev.conveyor.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.conveyor.stack.JavaProcess;
import dev.conveyor.stack.LocalStack;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.opentest4j.TestAbortedException;

/**
 * The local stack as the README runs it, through the repository's own {@code ./conveyor} script on
 * free ports, each offline model call taking three seconds: {@code up} (Temporal test server,
 * worker, starter: three processes), three jobs, a SIGKILL of the worker while one job generates
 * and two await approval, {@code ./conveyor restart worker} (whose job store the killed worker left
 * running), a second {@code up} that reuses what runs; every job finishes, decided once, with one
 * output. Then a reviewer works in the console in a real browser on the same stack (skipped with
 * one line without Chromium and chromedriver, unless {@code conveyor.browser.required} is set, as
 * in {@code .ci/run}), and {@code ./conveyor stop} leaves no process behind. The steps build on
 * each other, in order, on one stack.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConveyorScriptEndToEndTests {

  private static final Duration STACK = Duration.ofMinutes(6);
  private static final Duration CLI = Duration.ofMinutes(2);
  private static final Duration BROWSER = Duration.ofMinutes(2);
  private static final String REQUIREMENTS =
      "A two-line note for a bakery's customers about new opening hours on Sundays";

  @TempDir static Path dir;

  private ConveyorScript script;

  /**
   * A failed step's error carries the end of every process's log, which the build prints and the
   * temporary folder loses.
   */
  @RegisterExtension
  final TestExecutionExceptionHandler stackLogs =
      (context, cause) -> {
        if (script == null || cause instanceof TestAbortedException) {
          throw cause; // a skipped step (no browser) stays skipped
        }
        throw new AssertionError(
            cause + "\n=== the stack's logs end with:\n" + script.logTails(60), cause);
      };

  private final HttpClient http =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  private WorkflowServiceStubs stubs;

  /** The bundle of the bundle steps. */
  private String bundle;

  @BeforeAll
  void up() throws Exception {
    script = new ConveyorScript(Files.createDirectories(dir.resolve("data")));
    script.env("CONVEYOR_TEMPORAL", "test-server");
    // The stack's JVMs start as the other tests' processes do, with less CPU on a busy machine.
    script.env("CONVEYOR_JAVA_OPTS", String.join(" ", JavaProcess.TEST_JVM_OPTIONS));
    // Each offline model call takes 3 s, so a job is caught in GENERATE, and a new revision takes
    // visible time in the console.
    String up = script.succeed(STACK, "up", "--conveyor.offline.latency=3s");
    assertThat(up).contains("Temporal: the Java test server").contains("Conveyor is up");
  }

  @AfterAll
  void stopStack() throws Exception {
    if (stubs != null) {
      stubs.shutdownNow();
    }
    if (script != null) {
      script.close();
    }
  }

  /** A Temporal client on the stack's server, to read histories. */
  private WorkflowClient temporalClient() {
    if (stubs == null) {
      stubs =
          WorkflowServiceStubs.newServiceStubs(
              WorkflowServiceStubsOptions.newBuilder()
                  .setTarget("127.0.0.1:" + script.temporalPort())
                  // Generous deadlines: on a loaded machine the test server answers slowly.
                  .setSystemInfoTimeout(Duration.ofMinutes(1))
                  .setRpcTimeout(Duration.ofMinutes(1))
                  .build());
    }
    return WorkflowClient.newInstance(stubs);
  }

  @Test
  @Order(1)
  void jobs_outlive_a_sigkill_of_the_worker_and_a_restart_through_the_script() throws Exception {
    long temporal = script.pid("temporal");
    long firstWorker = script.pid("worker");
    long starter = script.pid("starter");
    assertThat(List.of(temporal, firstWorker, starter)).doesNotHaveDuplicates();
    String ps = script.succeed(CLI, "ps");
    assertThat(ps).contains("temporal").contains("worker").contains("starter").contains("store");

    String parkedA = submit("TEXT", "e2e-a", REQUIREMENTS);
    String parkedB = submit("TEXT", "e2e-b", REQUIREMENTS);
    awaitStage(parkedA, "AWAITING_APPROVAL");
    awaitStage(parkedB, "AWAITING_APPROVAL");
    String generating = submit("TEXT", "e2e-c", REQUIREMENTS);
    awaitStage(generating, "GENERATE");
    Thread.sleep(1_000); // The generation call is now under way on the worker.

    long orphanStore = storePid();
    ProcessHandle.of(firstWorker).orElseThrow().destroyForcibly();
    awaitExit(firstWorker);
    assertThat(ProcessHandle.of(orphanStore).map(ProcessHandle::isAlive)).contains(true);
    assertThat(script.succeed(CLI, "ps")).contains("gone (crashed or killed)");

    script.succeed(STACK, "restart", "worker");
    long secondWorker = script.pid("worker");
    assertThat(secondWorker).isNotEqualTo(firstWorker);
    assertThat(ProcessHandle.of(orphanStore).map(ProcessHandle::isAlive))
        .isIn(Optional.empty(), Optional.of(false));
    assertThat(script.pid("temporal")).isEqualTo(temporal);
    // A second up finds everything running: it reuses the Temporal server and starts nothing.
    assertThat(script.succeed(STACK, "up"))
        .contains("Temporal: reusing the server of an earlier run (pid " + temporal)
        .contains("The worker is already running (pid " + secondWorker)
        .contains("The starter is already running (pid " + starter);

    awaitStage(generating, "AWAITING_APPROVAL");
    List<String> jobs = List.of(parkedA, parkedB, generating);
    for (String job : jobs) {
      script.succeed(CLI, "approve", job, "--comment", "fine");
    }
    List<JsonNode> done = new ArrayList<>();
    for (String job : jobs) {
      done.add(awaitStage(job, "APPROVED"));
    }

    WorkflowClient client = temporalClient();
    for (JsonNode status : done) {
      String job = status.get("jobId").asText();
      // Decided once, one generation and one output, prompt + generation + QA called once each.
      assertThat(status.get("decisions")).hasSize(1);
      assertThat(status.get("decisions").get(0).get("applied").asBoolean()).isTrue();
      assertThat(status.get("attempts")).hasSize(1);
      assertThat(status.get("calls")).hasSize(3);
      HttpResponse<byte[]> output = get("/api/jobs/" + job + "/output");
      assertThat(output.statusCode()).isEqualTo(200);
      assertThat(output.body()).isNotEmpty();
      List<HistoryEvent> events = client.fetchHistory(job).getEvents();
      assertThat(count(events, EventType.EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED)).isEqualTo(1);
      assertThat(count(events, EventType.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ACCEPTED))
          .isEqualTo(1);
    }
    // The generation the kill cut short ran again on the new worker, as a second attempt.
    assertThat(
            client.fetchHistory(generating).getEvents().stream()
                .filter(e -> e.getEventType() == EventType.EVENT_TYPE_ACTIVITY_TASK_STARTED)
                .map(e -> e.getActivityTaskStartedEventAttributes().getAttempt()))
        .contains(2);
  }

  @Test
  @Order(2)
  void reviewer_rejects_an_image_in_the_console_sees_the_new_revision_live_and_approves_it()
      throws Exception {
    HeadlessChromium.assumeInstalled();
    String jobId = submit("IMAGE", "posters", "A poster of a lighthouse at dawn");
    awaitStage(jobId, "AWAITING_APPROVAL");
    ChromeDriver browser = HeadlessChromium.start();
    try {
      ConsolePage page = new ConsolePage(browser, script.baseUrl(), BROWSER);
      // A reviewer (a development user of the local stack) signs in and opens the job.
      page.signIn("reviewer", "reviewer-dev");
      page.openFromInbox(jobId);

      // The image output shows: a PNG the offline image model drew, decoded by the browser.
      String firstImage = page.loadedImage();
      assertThat(page.text("stage")).isEqualTo("AWAITING_APPROVAL");
      assertThat(page.text("revision")).isEqualTo("0");

      // Reject with a comment and a regeneration.
      page.type("comment", "Warmer colours, please");
      page.script("window.conveyorTestMarker = 'before';");
      page.click("regenerate");
      page.await(p -> String.valueOf(p.text("notice")).contains("revision 1"), false);

      // Revision 1 arrives while this page stays loaded: the marker set on it survives.
      page.script("window.conveyorTestMarker = 'same page';");
      assertThat(page.text("stage")).isNotEqualTo("AWAITING_APPROVAL");
      page.await(
          p -> "AWAITING_APPROVAL".equals(p.text("stage")) && "1".equals(p.text("revision")),
          false);
      assertThat(page.script("return window.conveyorTestMarker;")).isEqualTo("same page");
      assertThat(page.loadedImage()).isNotEqualTo(firstImage);

      // Approve it.
      page.type("comment", "Lovely now");
      page.click("approve");
      page.await(p -> "Approved.".equals(p.text("notice")), false);
      assertThat(page.text("stage")).isEqualTo("APPROVED");

      // The audit trail on the page comes from the store, which may record the final decision a
      // moment after the workflow: reload until it shows.
      page.await(
          p -> "reviewer|Warmer colours, please;reviewer|Lovely now".equals(p.auditTrail()), true);
    } finally {
      browser.quit();
    }
    JsonNode status = awaitStage(jobId, "APPROVED");
    assertThat(status.get("reason").asText()).isEqualTo("approved by reviewer");
    JsonNode decisions = status.get("decisions");
    assertThat(decisions).hasSize(2);
    assertThat(decisions.get(0).get("reviewer").asText()).isEqualTo("reviewer");
    assertThat(decisions.get(0).get("comment").asText()).isEqualTo("Warmer colours, please");
    assertThat(decisions.get(0).get("regenerate").asBoolean()).isTrue();
    assertThat(decisions.get(1).get("reviewer").asText()).isEqualTo("reviewer");
  }

  @Test
  @Order(3)
  void a_bundle_outlives_a_sigkill_of_the_worker_while_its_parts_run() throws Exception {
    // The example the README and docs/bundles.md send.
    Path request = ConveyorScript.repositoryRoot().resolve("examples/landing-bundle.json");
    String out = script.succeed(CLI, "submit", "--bundle", request.toString());
    List<String> lines = out.strip().lines().toList();
    bundle = lines.get(lines.size() - 1).strip();
    assertThat(bundle).startsWith("bundle-");

    // The headline and the hero run together, as child jobs; kill the worker while they do.
    awaitBundle(b -> partStates(b).contains("RUNNING"));
    long worker = script.pid("worker");
    ProcessHandle.of(worker).orElseThrow().destroyForcibly();
    awaitExit(worker);
    script.succeed(STACK, "restart", "worker");

    JsonNode awaiting = awaitBundle(b -> "AWAITING_APPROVAL".equals(b.path("stage").asText()));
    assertThat(partStates(awaiting)).containsOnly("PASSED");
    JsonNode landing = part(awaiting, "landing");
    assertThat(landing.path("consistency").path("passed").asBoolean()).isTrue();
    // Every part's job ran to its end once, whatever the kill interrupted.
    WorkflowClient client = temporalClient();
    for (JsonNode part : awaiting.path("parts")) {
      List<HistoryEvent> events = client.fetchHistory(part.path("jobId").asText()).getEvents();
      assertThat(count(events, EventType.EVENT_TYPE_WORKFLOW_EXECUTION_STARTED)).isEqualTo(1);
      assertThat(count(events, EventType.EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED)).isEqualTo(1);
    }
  }

  @Test
  @Order(4)
  void reviewer_sees_the_bundle_side_by_side_sends_the_headline_back_and_approves_it()
      throws Exception {
    HeadlessChromium.assumeInstalled();
    assertThat(bundle).as("the bundle of the previous step").isNotNull();
    String firstHeadline = text(getBytes("/api/bundles/" + bundle + "/parts/headline/output"));
    ChromeDriver browser = HeadlessChromium.start();
    try {
      ConsolePage page = new ConsolePage(browser, script.baseUrl(), BROWSER);
      page.signIn("reviewer", "reviewer-dev");
      browser.get(script.baseUrl() + "/console/bundles/" + bundle);
      assertThat(page.text("stage")).isEqualTo("AWAITING_APPROVAL");
      assertThat(browser.findElements(By.cssSelector("article.part"))).hasSize(3);

      // The assembled page: a sandboxed frame that may run no script, the hero image in place.
      WebElement frame = browser.findElement(By.id("preview-landing"));
      assertThat(frame.getAttribute("sandbox")).isNotNull().doesNotContain("allow-scripts");
      browser.switchTo().frame(frame);
      page.await(
          p ->
              Boolean.TRUE.equals(
                  p.script(
                      "var i = document.querySelector('img');"
                          + " return !!i && i.complete && i.naturalWidth > 0;")),
          false);
      assertThat(words((String) page.script("return document.body.textContent;")))
          .contains(words(firstHeadline));
      browser.switchTo().defaultContent();

      // Send the headline back: it and the landing section that uses it run again.
      browser.findElement(By.cssSelector("input[name=part][value=headline]")).click();
      page.type("comment-headline", "Shorter, please");
      page.click("sendback");
      page.await(
          p -> "AWAITING_APPROVAL".equals(p.text("stage")) && "1".equals(p.text("revision")), true);
      page.click("approve");
      page.await(p -> "APPROVED".equals(p.text("stage")), true);
    } finally {
      browser.quit();
    }
    JsonNode approved = LocalStack.json(getBytes("/api/bundles/" + bundle));
    assertThat(part(approved, "headline").path("runs").asInt()).isEqualTo(2);
    assertThat(part(approved, "landing").path("runs").asInt()).isGreaterThanOrEqualTo(2);
    assertThat(part(approved, "hero").path("runs").asInt()).isEqualTo(1);
  }

  @Test
  @Order(5)
  void the_approved_bundle_downloads_as_a_zip_of_every_part_with_its_manifest() throws Exception {
    assertThat(bundle).as("the bundle of the previous steps").isNotNull();
    JsonNode status = LocalStack.json(getBytes("/api/bundles/" + bundle));
    if (!"APPROVED".equals(status.path("stage").asText())) {
      // Without a browser the previous step was skipped: approve through the command line.
      script.succeed(CLI, "approve", bundle, "--comment", "fine");
      awaitBundle(b -> "APPROVED".equals(b.path("stage").asText()));
    }
    Path zip = dir.resolve("landing.zip");
    script.succeed(CLI, "output", bundle, "--to", zip.toString());

    Map<String, byte[]> files = unzip(zip);
    assertThat(files).containsKeys("manifest.json", "headline.txt", "hero.png", "landing.html");
    String headline = new String(files.get("headline.txt"), StandardCharsets.UTF_8);
    String html = new String(files.get("landing.html"), StandardCharsets.UTF_8);
    assertThat(words(html)).contains(words(headline)).contains("hero.png");
    JsonNode manifest = new ObjectMapper().readTree(files.get("manifest.json"));
    assertThat(manifest.path("parts").findValuesAsText("name"))
        .containsExactlyInAnyOrder("headline", "hero", "landing");
    // A service that follows jobs by id reads the bundle under the jobs' paths too.
    assertThat(text(getBytes("/api/jobs/" + bundle + "/parts/landing/output"))).isEqualTo(html);
    assertThat(unzip(getBytes("/api/jobs/" + bundle + "/output").body()).keySet())
        .isEqualTo(files.keySet());
  }

  @Test
  @Order(6)
  void an_evaluation_compares_two_routing_profiles_on_a_golden_set_and_saves_its_report()
      throws Exception {
    Path golden = dir.resolve("golden.jsonl");
    Files.writeString(
        golden,
        """
        # Two cases, one labelled: what a team's own golden set looks like.
        {"requirements": "A two-sentence blurb for a steel water bottle", "kind": "TEXT", \
        "criteria": ["mentions the bottle"], "expected": "pass"}
        {"requirements": "A JSON object with the name and price of a water bottle", \
        "kind": "CODE", "language": "json"}
        """);
    Path out = dir.resolve("evaluation");

    String printed =
        script.succeed(
            STACK,
            "eval",
            golden.toString(),
            "--profiles",
            "default,economy",
            "--out",
            out.toString());

    Matcher started = Pattern.compile("evaluation (\\S+): 2 cases").matcher(printed);
    assertThat(started.find()).as("the started line in:%n%s", printed).isTrue();
    String evaluation = started.group(1);
    List<String> lines = printed.strip().lines().toList();
    assertThat(lines.get(lines.size() - 1)).endsWith("report.html");
    assertThat(out.resolve("report.html")).exists();
    assertThat(out.resolve("report.md")).exists();
    String html = Files.readString(out.resolve("report.html"));
    assertThat(html).contains("<svg").doesNotContain("<script");
    JsonNode report = LocalStack.json(getBytes("/api/evaluations/" + evaluation + "/report.json"));
    assertThat(report.path("profiles").findValuesAsText("profile"))
        .containsExactly("default", "economy");
    assertThat(report.path("profiles").findValues("cases"))
        .allSatisfy(cases -> assertThat(cases.asInt()).isEqualTo(2));
    assertThat(report.path("cases")).hasSize(4);
    assertThat(report.path("verdictProfile").asText()).isIn("default", "economy");
    assertThat(lines).contains(report.path("verdict").asText());
  }

  @Test
  @Order(7)
  void stop_leaves_no_process_behind() throws Exception {
    List<Long> running =
        List.of(script.pid("temporal"), script.pid("worker"), script.pid("starter"), storePid());
    script.succeed(STACK, "stop");
    for (long pid : running) {
      assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive))
          .as("process %d after ./conveyor stop", pid)
          .isIn(Optional.empty(), Optional.of(false));
    }
    assertThat(script.succeed(CLI, "ps").lines().filter(line -> line.endsWith("not running")))
        .hasSize(4);
  }

  private String submit(String kind, String tag, String requirements) throws Exception {
    String output =
        script.succeed(CLI, "submit", "--kind", kind, "--tag", tag, "--requirements", requirements);
    List<String> lines = output.strip().lines().toList();
    return lines.get(lines.size() - 1).strip();
  }

  private JsonNode awaitBundle(Predicate<JsonNode> condition) throws Exception {
    Instant deadline = Instant.now().plus(STACK);
    JsonNode last = null;
    while (Instant.now().isBefore(deadline)) {
      HttpResponse<byte[]> response = get("/api/bundles/" + bundle);
      if (response.statusCode() == 200) {
        last = LocalStack.json(response);
        if (condition.test(last)) {
          return last;
        }
      }
      Thread.sleep(250);
    }
    throw new AssertionError(
        "bundle " + bundle + " did not reach the expected state; last: " + last);
  }

  private static List<String> partStates(JsonNode bundle) {
    return bundle.path("parts").findValuesAsText("state");
  }

  private static JsonNode part(JsonNode bundle, String name) {
    for (JsonNode part : bundle.path("parts")) {
      if (name.equals(part.path("name").asText())) {
        return part;
      }
    }
    throw new AssertionError("no part " + name + " in " + bundle);
  }

  private HttpResponse<byte[]> getBytes(String path) throws Exception {
    HttpResponse<byte[]> response = get(path);
    assertThat(response.statusCode()).as("GET " + path).isEqualTo(200);
    return response;
  }

  /** The text's words separated by single spaces: HTML lays out a text's line breaks as spaces. */
  private static String words(String text) {
    return text.strip().replaceAll("\\s+", " ");
  }

  private static String text(HttpResponse<byte[]> response) {
    return new String(response.body(), StandardCharsets.UTF_8);
  }

  private static Map<String, byte[]> unzip(Path zip) throws Exception {
    return unzip(Files.readAllBytes(zip));
  }

  private static Map<String, byte[]> unzip(byte[] zip) throws Exception {
    Map<String, byte[]> files = new LinkedHashMap<>();
    try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
      for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
        files.put(entry.getName(), in.readAllBytes());
      }
    }
    return files;
  }

  private JsonNode awaitStage(String job, String stage) throws Exception {
    return awaitStatus(job, status -> stage.equals(status.path("stage").asText()));
  }

  private JsonNode awaitStatus(String job, Predicate<JsonNode> condition) throws Exception {
    Instant deadline = Instant.now().plus(STACK);
    JsonNode last = null;
    while (Instant.now().isBefore(deadline)) {
      HttpResponse<byte[]> response = get("/api/jobs/" + job);
      if (response.statusCode() == 200) {
        last = LocalStack.json(response);
        if (condition.test(last)) {
          return last;
        }
      }
      Thread.sleep(250);
    }
    throw new AssertionError("job " + job + " did not reach the expected state; last: " + last);
  }

  private HttpResponse<byte[]> get(String path) throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(script.baseUrl() + path))
            .timeout(Duration.ofSeconds(30))
            .header(LocalStack.API_KEY_HEADER, apiKey())
            .build();
    return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
  }

  /** The key the script's command line sends too: {@code CONVEYOR_API_KEY}, else the default. */
  private static String apiKey() {
    String key = System.getenv(LocalStack.API_KEY_ENV);
    return key == null || key.isBlank() ? LocalStack.DEFAULT_API_KEY : key;
  }

  /** The pid of the job store's PostgreSQL, the first line of its postmaster.pid. */
  private long storePid() throws Exception {
    Path pidFile = script.data().resolve("postgres").resolve("postmaster.pid");
    return Long.parseLong(Files.readAllLines(pidFile).get(0).strip());
  }

  private static void awaitExit(long pid) throws Exception {
    Optional<ProcessHandle> process = ProcessHandle.of(pid);
    if (process.isPresent()) {
      process.get().onExit().get();
    }
  }

  private static long count(List<HistoryEvent> events, EventType type) {
    return events.stream().filter(e -> e.getEventType() == type).count();
  }
}
