package dev.conveyor.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conveyor.reliability.JobAudit.Expected;
import dev.conveyor.reliability.JobAudit.Kind;
import dev.conveyor.reliability.JobAudit.Outcome;
import dev.conveyor.reliability.JobDriver.Approval;
import dev.conveyor.reliability.ReliabilityReport.Row;
import dev.conveyor.stack.JavaProcess;
import dev.conveyor.stack.LocalStack;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The reliability suite: real processes (a Temporal test server, worker JVMs, the starter, a
 * fault-injecting model server) under worker crashes, starter restarts, model faults, load and bad
 * input. Each scenario fails when a job is lost or anything is duplicated; the table of all of them
 * is printed at the end and written to {@code target/reliability-report.md}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReliabilityTests {

  private static final Logger log = LoggerFactory.getLogger(ReliabilityTests.class);

  /** The model server's answers wait this long for a "timeout" fault; the client waits 2 s. */
  static final Duration MODEL_TIMEOUT = Duration.ofSeconds(2);

  /** How often the starter's Temporal client reports its metrics, plus a margin. */
  static final Duration METRICS_INTERVAL = Duration.ofSeconds(12);

  static final String AWAITING = "AWAITING_APPROVAL";
  static final String APPROVED = "APPROVED";
  static final String AFTER_APPROVAL = "right after approval";

  private final Scale scale = Scale.fromSystemProperty();
  private final ReliabilityReport report = new ReliabilityReport();
  private final Instant began = Instant.now();
  private LocalStack stack;
  private JobDriver driver;
  private FaultyModelServer models;
  private JavaProcess worker;
  private boolean modelWorker;
  private final AtomicInteger keyRepeats = new AtomicInteger();

  @BeforeAll
  void startStack() throws Exception {
    log.info("reliability suite, scale {}", scale);
    stack = new LocalStack(LocalStack.tempDir("conveyor-reliability"));
    driver = new JobDriver(stack);
    models = new FaultyModelServer(JobDriver.REQUIREMENTS, MODEL_TIMEOUT.plusSeconds(1));
    stack.startStarter();
  }

  @AfterAll
  void stopStackAndReport() throws Exception {
    try {
      String table = report.markdown(scale, Duration.between(began, Instant.now()));
      System.out.println("\n=== Conveyor reliability suite ===\n" + table);
      report.write(
          Path.of(
              System.getProperty("conveyor.reliability.report", "target/reliability-report.md")),
          table);
    } finally {
      if (driver != null) {
        driver.close();
      }
      if (models != null) {
        models.close();
      }
      if (stack != null) {
        stack.close();
      }
    }
  }

  /**
   * Each round holds jobs in PROMPT, GENERATE, QA and AWAITING_APPROVAL, sends approvals to more
   * parked jobs, and kills the worker with SIGKILL while all of that is under way; a new worker
   * starts, and every job must end APPROVED exactly once.
   */
  @Test
  @Order(1)
  void worker_crashes_in_every_stage_lose_and_duplicate_nothing() throws Exception {
    Instant start = Instant.now();
    String latency = "--conveyor.offline.latency=" + scale.crashLatency().toSeconds() + "s";
    worker = stack.startWorker(latency);
    int n = scale.crashJobsPerStage();
    Map<String, List<String>> byStage = new LinkedHashMap<>();
    for (String stage : List.of("PROMPT", "GENERATE", "QA", AWAITING, AFTER_APPROVAL)) {
      byStage.put(stage, new ArrayList<>());
    }
    Map<String, Approval> approvals = new LinkedHashMap<>();
    Map<String, Future<Approval>> pending = new LinkedHashMap<>();
    List<String> approveLater = new ArrayList<>();
    int next = 0;
    // A bound on the rounds' time (-Dconveyor.reliability.crash-budget=PT90M): once it is spent no
    // round starts, the jobs so far are audited and reported, and the scenario fails short of its
    // kills.
    Instant roundsEnd = start.plus(crashBudget());
    int kills = 0;
    for (int round = 1;
        round <= scale.crashRounds() && Instant.now().isBefore(roundsEnd);
        round++, kills++) {
      // Park two batches: one to stay parked through the kill, one to be approved during it.
      List<String> parked = driver.submitAll("crash", next, n, "ALWAYS");
      List<String> toApprove = driver.submitAll("crash", next + n, n, "ALWAYS");
      next += 2 * n;
      List<String> both = new ArrayList<>(parked);
      both.addAll(toApprove);
      driver.awaitStage(both, AWAITING, Duration.ofMinutes(2));

      // Stagger three batches so that one is in QA, one in GENERATE and one in PROMPT together.
      // (A job read a little late may be one stage further: it is counted where it was read.)
      Set<String> generating = Set.of("GENERATE", "QA", AWAITING);
      List<String> inQa = driver.submitAll("crash", next, n, "ALWAYS");
      driver.awaitStages(inQa, generating, Duration.ofMinutes(1));
      List<String> inGenerate = driver.submitAll("crash", next + n, n, "ALWAYS");
      driver.awaitStages(inGenerate, generating, Duration.ofMinutes(1));
      List<String> inPrompt = driver.submitAll("crash", next + 2 * n, n, "ALWAYS");
      next += 3 * n;
      List<String> running = new ArrayList<>(parked);
      running.addAll(inQa);
      running.addAll(inGenerate);
      running.addAll(inPrompt);
      Map<String, String> seen = driver.stages(running);

      Map<String, Future<Approval>> inFlight = driver.approveAll(toApprove, Duration.ofMinutes(3));
      Thread.sleep(300);
      worker.kill9();
      log.info("round {}: worker killed; stages at the kill: {}", round, count(seen));
      seen.forEach((id, stage) -> byStage.computeIfAbsent(stage, s -> new ArrayList<>()).add(id));
      byStage.get(AFTER_APPROVAL).addAll(toApprove);
      worker = stack.startWorker(latency);
      // The next round starts while these jobs recover (a later kill may hit them again).
      pending.putAll(inFlight);
      approveLater.addAll(running);
    }
    driver.awaitStage(approveLater, AWAITING, Duration.ofMinutes(3));
    pending.putAll(driver.approveAll(approveLater, Duration.ofMinutes(2)));
    for (Map.Entry<String, Future<Approval>> approval : pending.entrySet()) {
      approvals.put(approval.getKey(), approval.getValue().get(4, TimeUnit.MINUTES));
    }
    List<String> all = new ArrayList<>(approvals.keySet());
    List<String> open = driver.awaitClosed(all, Duration.ofMinutes(2));
    log.info("crash: {} jobs, {} still open", all.size(), open.size());

    Map<String, Outcome> outcomes = new LinkedHashMap<>();
    for (Outcome outcome : driver.auditAll(all, id -> new Expected(APPROVED, 1, "offline"))) {
      Outcome withDecision = outcome;
      if (outcome.kind() == Kind.AS_EXPECTED && approvals.get(outcome.jobId()) == Approval.FAILED) {
        withDecision = new Outcome(outcome.jobId(), Kind.LOST, "approval never answered");
      }
      outcomes.put(outcome.jobId(), withDecision);
    }
    Duration took = Duration.between(start, Instant.now());
    for (Map.Entry<String, List<String>> stage : byStage.entrySet()) {
      List<Outcome> rows = stage.getValue().stream().map(outcomes::get).toList();
      if (!rows.isEmpty()) {
        report.add(row("worker SIGKILL: " + stage.getKey(), rows, kills, took));
      }
    }
    report.note(
        kills
            + " worker kills (each hits every stage at once), "
            + kills
            + " new workers; offline model latency "
            + scale.crashLatency().toSeconds()
            + " s; stages as read just before each kill.");
    assertNothingLostOrDuplicated(outcomes.values());
    assertThat(kills).as("worker kills within the crash budget").isEqualTo(scale.crashRounds());
    assertThat(all.size()).isGreaterThanOrEqualTo(5 * n * scale.crashRounds());
  }

  /** The time the crash rounds may take, from {@code conveyor.reliability.crash-budget}. */
  private static Duration crashBudget() {
    String budget = System.getProperty("conveyor.reliability.crash-budget", "");
    return budget.isBlank() ? Duration.ofDays(1) : Duration.parse(budget);
  }

  /** Model calls through a local OpenAI-compatible server failing 20% of them; all jobs finish. */
  @Test
  @Order(2)
  void model_faults_delay_jobs_but_every_job_finishes_once() throws Exception {
    Instant start = Instant.now();
    switchToModelServerWorker();
    models.faultRate(0.2);
    int before = models.faultsInjected();
    List<String> ids = driver.submitAll("fault", 0, scale.faultJobs(), "NEVER");
    List<String> open = driver.awaitClosed(ids, Duration.ofMinutes(5));
    models.faultRate(0);
    int faults = models.faultsInjected() - before;
    log.info(
        "faults: {} jobs, {} faults {}, {} open",
        ids.size(),
        faults,
        models.faultsByKind(),
        open.size());

    Map<String, String> markers = new LinkedHashMap<>();
    for (int i = 0; i < ids.size(); i++) {
      markers.put(ids.get(i), "rel-fault-" + i);
    }
    List<Outcome> outcomes = new ArrayList<>();
    for (Outcome outcome : driver.auditAll(ids, id -> new Expected(APPROVED, 0, "openai"))) {
      outcomes.add(
          outcome.kind() == Kind.AS_EXPECTED
              ? matchServerLog(outcome, markers.get(outcome.jobId()))
              : outcome);
    }
    report.add(
        row(
            "model server: 20% 429/500/timeout",
            outcomes, faults, Duration.between(start, Instant.now())));
    report.note(
        "Model faults by kind: "
            + models.faultsByKind()
            + "; each job's recorded calls match the model server's own log of answered calls.");
    assertNothingLostOrDuplicated(outcomes);
    assertThat(faults).isPositive();
  }

  /** Many jobs submitted at once over REST: every one accepted, no 5xx, every one finishes. */
  @Test
  @Order(3)
  void concurrent_submissions_are_all_accepted_and_all_finish() throws Exception {
    switchToModelServerWorker();
    Instant start = Instant.now();
    int jobs = scale.loadJobs();
    ExecutorService clients = Executors.newFixedThreadPool(jobs);
    CountDownLatch ready = new CountDownLatch(jobs);
    CountDownLatch go = new CountDownLatch(1);
    List<Future<HttpResponse<byte[]>>> answers = new ArrayList<>();
    try {
      for (int i = 0; i < jobs; i++) {
        String body = JobDriver.request("rel-load-" + i, "NEVER");
        answers.add(
            clients.submit(
                () -> {
                  ready.countDown();
                  go.await();
                  return stack.call("POST", "/api/jobs", body);
                }));
      }
      ready.await(1, TimeUnit.MINUTES);
      go.countDown();
      List<String> ids = new ArrayList<>();
      Map<Integer, Integer> statuses = new LinkedHashMap<>();
      for (Future<HttpResponse<byte[]>> answer : answers) {
        HttpResponse<byte[]> response = answer.get(3, TimeUnit.MINUTES);
        statuses.merge(response.statusCode(), 1, Integer::sum);
        if (response.statusCode() == 201) {
          ids.add(LocalStack.json(response).get("jobId").asText());
        }
      }
      Duration submitted = Duration.between(start, Instant.now());
      log.info("load: {} submissions answered {} in {}", jobs, statuses, submitted);
      driver.awaitClosed(ids, Duration.ofMinutes(4));
      List<Outcome> outcomes =
          new ArrayList<>(driver.auditAll(ids, id -> new Expected(APPROVED, 0, "openai")));
      for (int lost = ids.size(); lost < jobs; lost++) {
        outcomes.add(new Outcome("unaccepted-" + lost, Kind.LOST, "not accepted"));
      }
      report.add(
          row(
              "load: " + jobs + " concurrent REST submissions",
              outcomes,
              0,
              Duration.between(start, Instant.now())));
      report.note(
          "Load: answers by status "
              + statuses
              + ", all submitted in "
              + submitted.toMillis()
              + " ms.");
      assertThat(statuses).containsOnlyKeys(201);
      assertNothingLostOrDuplicated(outcomes);
    } finally {
      clients.shutdownNow();
    }
  }

  /**
   * Clients submit with idempotency keys, retrying with the same key when a call fails, while the
   * starter is killed with SIGKILL and started again: one job per key, none lost.
   */
  @Test
  @Order(4)
  void starter_restart_during_submissions_duplicates_no_job() throws Exception {
    switchToModelServerWorker();
    Instant start = Instant.now();
    int jobs = scale.restartJobs();
    AtomicInteger answered = new AtomicInteger();
    Map<String, List<String>> idsByKey = new ConcurrentHashMap<>();
    Map<String, AtomicInteger> createdByKey = new ConcurrentHashMap<>();
    ExecutorService clients = Executors.newFixedThreadPool(8);
    List<Future<?>> done = new ArrayList<>();
    for (int i = 0; i < jobs; i++) {
      String key = "rel-restart-" + i;
      String body = JobDriver.request(key, "NEVER");
      done.add(
          clients.submit(
              () -> {
                submitUntilAnswered(key, body, idsByKey, createdByKey);
                answered.incrementAndGet();
                return null;
              }));
    }
    while (answered.get() < jobs / 3) {
      Thread.sleep(20);
    }
    stack.killStarter();
    log.info("restart: starter killed after {} of {} answers", answered.get(), jobs);
    stack.startStarter();
    for (Future<?> future : done) {
      future.get(3, TimeUnit.MINUTES);
    }
    clients.shutdownNow();

    List<String> ids = idsByKey.values().stream().flatMap(List::stream).distinct().toList();
    driver.awaitClosed(ids, Duration.ofMinutes(2));
    Map<String, Outcome> outcomes = new LinkedHashMap<>();
    for (Outcome outcome : driver.auditAll(ids, id -> new Expected(APPROVED, 0, "openai"))) {
      outcomes.put(outcome.jobId(), outcome);
    }
    for (int i = 0; i < jobs; i++) {
      String key = "rel-restart-" + i;
      List<String> forKey = idsByKey.getOrDefault(key, List.of());
      AtomicInteger created = createdByKey.get(key);
      if (forKey.isEmpty()) {
        outcomes.put(key, new Outcome(key, Kind.LOST, "no job for the key"));
      } else if (forKey.stream().distinct().count() > 1 || (created != null && created.get() > 1)) {
        outcomes.put(
            forKey.get(0),
            new Outcome(
                forKey.get(0),
                Kind.DUPLICATED,
                "key " + key + " gave " + forKey + ", created " + created));
      }
    }
    report.add(
        row(
            "starter SIGKILL + restart during submissions",
            new ArrayList<>(outcomes.values()),
            1,
            Duration.between(start, Instant.now())));
    report.note(
        "Starter restart: "
            + jobs
            + " idempotency keys, "
            + ids.size()
            + " distinct jobs; "
            + keyRepeats.get()
            + " retries found their job already started (200, created=false).");
    assertThat(ids).hasSize(jobs);
    assertNothingLostOrDuplicated(outcomes.values());
  }

  /**
   * A catalogue of malformed and out-of-turn requests: each is answered with the right status and a
   * JSON message, and none starts a workflow or changes a job.
   */
  @Test
  @Order(5)
  void bad_input_gets_the_right_status_and_reaches_no_workflow() throws Exception {
    switchToModelServerWorker();
    Instant start = Instant.now();
    String parked = driver.submit(JobDriver.request("rel-bad-parked", "ALWAYS"));
    String finished = driver.submit(JobDriver.request("rel-bad-finished", "NEVER"));
    HttpResponse<byte[]> keyedAnswer =
        stack.call(
            "POST",
            "/api/jobs",
            JobDriver.request("rel-bad-keyed", "NEVER"),
            Map.of("Idempotency-Key", "rel-bad-keyed"));
    assertThat(keyedAnswer.statusCode()).isEqualTo(201);
    String keyed = LocalStack.json(keyedAnswer).get("jobId").asText();
    driver.awaitStage(List.of(parked), AWAITING, Duration.ofMinutes(1));
    assertThat(driver.awaitClosed(List.of(finished, keyed), Duration.ofMinutes(1))).isEmpty();

    // The starter's Temporal client reports its metrics every 10 s: read them once all is reported.
    Thread.sleep(
        Math.max(
            0, METRICS_INTERVAL.toMillis() - Duration.between(start, Instant.now()).toMillis()));
    long startsBefore = workflowStarts();
    // A job that awaits no decision (policy NEVER), slowed down by the model server.
    models.hold("rel-held", Duration.ofMillis(1_200));
    String held = driver.submit(JobDriver.request("rel-held-0", "NEVER"));
    BadInputCatalogue catalogue = new BadInputCatalogue(stack);
    List<BadInputCatalogue.Case> cases =
        new ArrayList<>(
            catalogue.onJobs(
                new BadInputCatalogue.Targets(
                    parked, held, finished, "rel-bad-keyed", "rel-bad-keyed")));
    cases.addAll(catalogue.withoutJobs());

    List<String> wrong = new ArrayList<>();
    List<String> started = new ArrayList<>();
    int asExpected = 0;
    StringBuilder answers = new StringBuilder();
    for (BadInputCatalogue.Case request : cases) {
      Answer answer = request.send().call();
      boolean right = answer.code() == request.expected() && !answer.message().isBlank();
      answers.append(
          String.format(
              "| %s | %d | %s |%n",
              request.name(), answer.code(), answer.message().replace("|", "\\|")));
      if (right) {
        asExpected++;
      } else {
        wrong.add(
            request.name()
                + ": "
                + answer.code()
                + " (expected "
                + request.expected()
                + ") "
                + answer.message());
      }
    }
    // A double approval: two at once, exactly one applied.
    Map<String, Future<HttpResponse<byte[]>>> twice = new LinkedHashMap<>();
    for (String which : List.of("first", "second")) {
      twice.put(
          which,
          driver
              .pool()
              .submit(
                  () ->
                      stack.call(
                          "POST", "/api/jobs/" + parked + "/approve", "{\"comment\": \"twice\"}")));
    }
    List<Integer> doubleApprove = new ArrayList<>();
    for (Future<HttpResponse<byte[]>> answer : twice.values()) {
      doubleApprove.add(answer.get(1, TimeUnit.MINUTES).statusCode());
    }
    doubleApprove.sort(Integer::compare);
    answers.append(
        String.format("| double approval, sent twice at once | %s | |%n", doubleApprove));
    if (doubleApprove.equals(List.of(200, 409))) {
      asExpected++;
    } else {
      wrong.add("double approval answered " + doubleApprove);
    }
    Instant catalogueEnd = Instant.now();

    // None reached a workflow: no job exists under a malformed submission's key, and the starter
    // started exactly one workflow (the held job) while the catalogue ran.
    for (BadInputCatalogue.Case request : cases) {
      if (request.jobIdIfStarted() != null
          && stack.call("GET", "/api/jobs/" + request.jobIdIfStarted(), null).statusCode() != 404) {
        started.add(request.name());
      }
    }
    List<String> targets = List.of(parked, held, finished, keyed);
    driver.awaitClosed(targets, Duration.ofMinutes(1));
    List<Outcome> outcomes =
        driver.auditAll(targets, id -> new Expected(APPROVED, id.equals(parked) ? 1 : 0, null));
    Thread.sleep(
        Math.max(
            0,
            METRICS_INTERVAL.toMillis()
                - Duration.between(catalogueEnd, Instant.now()).toMillis()));
    long startsAfter = workflowStarts();
    int requests = cases.size() + 1;
    report.add(
        new Row(
            "bad input: " + requests + " malformed or out-of-turn requests",
            requests,
            requests,
            asExpected,
            (int) outcomes.stream().filter(o -> o.kind() == Kind.LOST).count(),
            started.size()
                + (int) outcomes.stream().filter(o -> o.kind() == Kind.DUPLICATED).count(),
            Duration.between(start, Instant.now())));
    report.note(
        "Bad input: workflows started by the starter while the catalogue ran: "
            + (startsAfter - startsBefore)
            + " (the one valid job it used); 'lost' and 'duplicated'"
            + " count the four jobs the decisions were sent to, and requests that started a job.");
    report.catalogue(answers.toString());
    log.info("bad input: {} of {} answered as expected; wrong: {}", asExpected, requests, wrong);
    assertThat(wrong).isEmpty();
    assertThat(started).as("malformed requests that started a job").isEmpty();
    assertThat(startsBefore).as("the starter's StartWorkflowExecution count").isNotNegative();
    assertThat(startsAfter - startsBefore).as("workflows started by the catalogue").isEqualTo(1);
    assertNothingLostOrDuplicated(outcomes);
  }

  /**
   * Returns how many workflows the starter's Temporal client has started, from its Prometheus
   * metrics: StartWorkflowExecution requests less the failed ones (a repeated idempotency key is a
   * start that Temporal refuses). -1 when the metric is not exposed.
   */
  private long workflowStarts() throws Exception {
    HttpResponse<byte[]> metrics = stack.call("GET", "/actuator/prometheus", null);
    if (metrics.statusCode() != 200) {
      log.warn("starter metrics answered {}", metrics.statusCode());
      return -1;
    }
    String text = new String(metrics.body(), java.nio.charset.StandardCharsets.UTF_8);
    long requests = sum(text, "temporal_request_total{");
    return requests < 0 ? -1 : requests - Math.max(0, sum(text, "temporal_request_failure_total{"));
  }

  /** Sums the StartWorkflowExecution series of a counter; -1 when there is none. */
  private static long sum(String prometheus, String counter) {
    long total = -1;
    for (String line : prometheus.split("\n")) {
      if (line.startsWith(counter) && line.contains("operation=\"StartWorkflowExecution\"")) {
        double value = Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
        total = Math.max(total, 0) + (long) value;
      }
    }
    return total;
  }

  /** Submits with a key until an answer comes, retrying with the same key after any failure. */
  private void submitUntilAnswered(
      String key,
      String body,
      Map<String, List<String>> idsByKey,
      Map<String, AtomicInteger> createdByKey)
      throws Exception {
    Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
    while (Instant.now().isBefore(deadline)) {
      try {
        HttpResponse<byte[]> response =
            stack.call("POST", "/api/jobs", body, Map.of("Idempotency-Key", key));
        int code = response.statusCode();
        if (code == 201 || code == 200) {
          var answer = LocalStack.json(response);
          idsByKey
              .computeIfAbsent(key, k -> new CopyOnWriteArrayList<>())
              .add(answer.get("jobId").asText());
          if (answer.path("created").asBoolean()) {
            createdByKey.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
          } else {
            keyRepeats.incrementAndGet();
          }
          return;
        }
        if (code < 500) {
          throw new AssertionError(key + " answered " + code + ": " + new String(response.body()));
        }
      } catch (IOException e) {
        // The starter is down: try again with the same key.
      }
      Thread.sleep(250);
    }
  }

  /** Compares a job's recorded calls with the calls the model server answered for it. */
  private Outcome matchServerLog(Outcome outcome, String marker) throws Exception {
    var status = new JobAudit(stack).status(outcome.jobId());
    Map<String, Integer> recorded = new LinkedHashMap<>();
    for (var call : status.path("calls")) {
      recorded.merge(call.path("model").asText(), 1, Integer::sum);
    }
    for (String model : List.of("fault-prompt", "fault-writer", "fault-judge")) {
      int served = models.served(marker, model);
      int calls = recorded.getOrDefault(model, 0);
      if (calls > served) {
        return new Outcome(
            outcome.jobId(),
            Kind.DUPLICATED,
            model + ": " + calls + " recorded, " + served + " answered");
      }
      if (calls < served || calls == 0) {
        return new Outcome(
            outcome.jobId(),
            Kind.LOST,
            model + ": " + calls + " recorded, " + served + " answered");
      }
    }
    return outcome;
  }

  /** Replaces the crash scenario's offline worker with one whose models are the model server. */
  private void switchToModelServerWorker() throws Exception {
    if (modelWorker) {
      return;
    }
    if (worker != null) {
      worker.close();
    }
    List<String> settings = new ArrayList<>();
    for (String[] step :
        List.of(
            new String[] {"prompt", "fault-prompt"},
            new String[] {"text-generation", "fault-writer"},
            new String[] {"text-qa", "fault-judge"})) {
      String prefix = "--conveyor.models." + step[0] + ".";
      settings.add(prefix + "provider=openai");
      settings.add(prefix + "base-url=" + models.baseUrl());
      settings.add(prefix + "model=" + step[1]);
      settings.add(prefix + "timeout=" + MODEL_TIMEOUT.toSeconds() + "s");
      settings.add(prefix + "attempts=12");
      settings.add(prefix + "input-usd-per-million=1");
      settings.add(prefix + "output-usd-per-million=2");
    }
    worker = stack.startWorker(settings.toArray(String[]::new));
    modelWorker = true;
  }

  private static Map<String, Long> count(Map<String, String> stages) {
    Map<String, Long> counts = new LinkedHashMap<>();
    stages.values().forEach(stage -> counts.merge(stage, 1L, Long::sum));
    return counts;
  }

  private static Row row(String scenario, List<Outcome> outcomes, int faults, Duration took) {
    return new Row(
        scenario,
        outcomes.size(),
        faults,
        (int) outcomes.stream().filter(o -> o.kind() == Kind.AS_EXPECTED).count(),
        (int) outcomes.stream().filter(o -> o.kind() == Kind.LOST).count(),
        (int) outcomes.stream().filter(o -> o.kind() == Kind.DUPLICATED).count(),
        took);
  }

  private static void assertNothingLostOrDuplicated(java.util.Collection<Outcome> outcomes) {
    List<Outcome> wrong = outcomes.stream().filter(o -> o.kind() != Kind.AS_EXPECTED).toList();
    assertThat(wrong).as("jobs lost or duplicated").isEmpty();
  }
}
