package dev.conveyor.activities.observability;

import static dev.conveyor.activities.testing.Models.openAi;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.uber.m3.tally.RootScopeBuilder;
import com.uber.m3.tally.Scope;
import dev.conveyor.activities.artifact.ArtifactActivitiesImpl;
import dev.conveyor.activities.artifact.FileArtifactStore;
import dev.conveyor.activities.catalog.ModelCatalog;
import dev.conveyor.activities.catalog.ModelSettings;
import dev.conveyor.activities.catalog.PriceTable;
import dev.conveyor.activities.generation.GenerationActivitiesImpl;
import dev.conveyor.activities.modelcall.ModelCalls;
import dev.conveyor.activities.offline.OfflineSettings;
import dev.conveyor.activities.prompt.PromptActivitiesImpl;
import dev.conveyor.activities.qa.QaActivitiesImpl;
import dev.conveyor.activities.routing.BudgetSettings;
import dev.conveyor.activities.routing.RoutingActivitiesImpl;
import dev.conveyor.activities.testing.JobEnvironment;
import dev.conveyor.activities.testing.Models;
import dev.conveyor.activities.testing.Scrape;
import dev.conveyor.activities.testing.ScriptedServer;
import dev.conveyor.activities.testing.Wire;
import dev.conveyor.store.JdbcJobStoreWriter;
import dev.conveyor.store.testing.TestPostgres;
import dev.conveyor.workflow.JobWorkflow;
import dev.conveyor.workflow.model.ApprovalPolicy;
import dev.conveyor.workflow.model.BudgetPolicy;
import dev.conveyor.workflow.model.Decision;
import dev.conveyor.workflow.model.JobRequest;
import dev.conveyor.workflow.model.JobResult;
import dev.conveyor.workflow.model.JobStatus;
import dev.conveyor.workflow.model.ModelCall;
import dev.conveyor.workflow.model.OutputKind;
import dev.conveyor.workflow.model.Stage;
import dev.conveyor.workflow.model.Step;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.common.reporter.MicrometerClientStatsReporter;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import org.slf4j.event.KeyValuePair;

/**
 * Whole jobs on the real workflow and activities, text generation and the QA judge routed to a
 * scripted OpenAI-compatible server at real prices (1 USD per million input tokens, 2 per million
 * output), then a scrape of a real {@link PrometheusMeterRegistry} fed by both the activities'
 * {@link CallRecorder} and the workflow's metrics scope, and the captured log lines.
 */
class JobObservabilityTests {

  static final String TASK_QUEUE = "observability";
  static final String REQUIREMENTS = "A tagline about durable pipelines for generative work";
  static final String WRITTEN =
      "Durable pipelines keep generative work moving: a tagline for teams that need every job"
          + " finished, whatever fails along the way.";

  /** The deploy folder of the repository: the dashboard and the alert rules. */
  static final Path DEPLOY = Path.of("..", "deploy");

  /** A Conveyor, GenAI or Temporal series name in a PromQL query. */
  static final Pattern METRIC = Pattern.compile("\\b(?:conveyor|gen_ai|temporal)_[a-zA-Z0-9_]+");

  @TempDir Path root;
  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final Scope scope =
      new RootScopeBuilder()
          .reporter(new MicrometerClientStatsReporter(registry))
          .reportEvery(com.uber.m3.util.Duration.ofMillis(10));
  private final ListAppender<ILoggingEvent> logLines = new ListAppender<>();
  private final Logger callLog = (Logger) LoggerFactory.getLogger(ModelCalls.class);
  private ScriptedServer server;
  private TestWorkflowEnvironment env;

  @BeforeEach
  void start() throws IOException {
    server = new ScriptedServer();
    logLines.start();
    callLog.addAppender(logLines);
  }

  @AfterEach
  void stop() {
    callLog.detachAppender(logLines);
    if (env != null) {
      env.close();
    }
    server.close();
  }

  @Test
  void should_count_every_real_call_once_with_its_tokens_cost_and_log_line_after_qa_retries()
      throws Exception {
    // given the writer serves under a dated name; the judge fails once with a 503 (the activity
    // is retried), then fails the first output and passes the second
    server.script("gpt-writer", Wire.openAiChat("gpt-writer-2024", WRITTEN, "stop", 40, 30));
    server.script(
        "gpt-judge",
        Wire.error(503),
        Wire.openAiChat("gpt-judge", Wire.verdict(false, 0.3, "more detail"), "stop", 100, 20),
        Wire.openAiChat("gpt-judge", Wire.verdict(true, 0.9, "fine"), "stop", 100, 20));
    Map<Step, ModelSettings> routes = new EnumMap<>(Step.class);
    routes.put(Step.TEXT_GENERATION, openAi(server, "gpt-writer"));
    routes.put(Step.TEXT_QA, openAi(server, "gpt-judge"));

    // when
    JobWorkflow job = start(routes, BudgetSettings.defaults(), null);
    JobResult result = WorkflowStub.fromTyped(job).getResult(JobResult.class);
    JobStatus status = job.status();
    Scrape scrape = scrape();

    // then the job passed on its second QA attempt
    assertThat(result.state()).isEqualTo(Stage.APPROVED);
    assertThat(result.qaAttempts()).isEqualTo(2);
    assertThat(server.requestsFor("gpt-judge")).hasSize(3);

    // one duration sample per real call: two writes, two verdicts, one 503
    Map<String, String> writer = Map.of("gen_ai_request_model", "gpt-writer");
    assertThat(scrape.sum("gen_ai_client_operation_duration_seconds_count", writer)).isEqualTo(2);
    assertThat(
            scrape.sum(
                "gen_ai_client_operation_duration_seconds_count",
                Map.of(
                    "gen_ai_request_model", "gpt-writer",
                    "gen_ai_response_model", "gpt-writer-2024",
                    "gen_ai_operation_name", "chat",
                    "gen_ai_provider_name", "openai",
                    "error_type", "")))
        .isEqualTo(2);
    assertThat(
            scrape.sum(
                "gen_ai_client_operation_duration_seconds_count",
                Map.of("gen_ai_request_model", "gpt-judge", "error_type", "")))
        .isEqualTo(2);
    assertThat(
            scrape.sum(
                "gen_ai_client_operation_duration_seconds_count",
                Map.of(
                    "gen_ai_request_model",
                    "gpt-judge",
                    "error_type",
                    "InternalServerException",
                    "gen_ai_response_model",
                    "")))
        .isEqualTo(1);

    // tokens: a histogram per type, only for calls that reported usage
    assertThat(
            scrape.sum(
                "gen_ai_client_token_usage_sum",
                Map.of("gen_ai_request_model", "gpt-writer", "gen_ai_token_type", "input")))
        .isEqualTo(80);
    assertThat(
            scrape.sum(
                "gen_ai_client_token_usage_count",
                Map.of("gen_ai_request_model", "gpt-judge", "gen_ai_token_type", "output")))
        .isEqualTo(2);
    assertThat(
            scrape.sum(
                "gen_ai_client_token_usage_bucket",
                Map.of(
                    "gen_ai_request_model",
                    "gpt-writer",
                    "gen_ai_token_type",
                    "output",
                    "le",
                    "64.0")))
        .isEqualTo(2);

    // cost in USD by step and model: (40 + 30 x 2) / 1e6 per write, (100 + 20 x 2) / 1e6 per
    // verdict
    assertThat(scrape.sum("conveyor_model_cost_usd_total", Map.of("step", "TEXT_GENERATION")))
        .isCloseTo(0.0002, within(1e-12));
    assertThat(scrape.sum("conveyor_model_cost_usd_total", Map.of("step", "TEXT_QA")))
        .isCloseTo(0.00028, within(1e-12));
    assertThat(result.costUsd()).isEqualByComparingTo("0.00048");
    assertThat(result.usageByStep().get(Step.TEXT_GENERATION).costUsd())
        .isEqualByComparingTo("0.0002");
    assertThat(result.usageByStep().get(Step.TEXT_QA).inputTokens()).isEqualTo(200);

    // the workflow's own metrics, and the Temporal SDK's
    assertThat(scrape.sum("conveyor_qa_verdicts_total", Map.of("outcome", "failed"))).isEqualTo(1);
    assertThat(scrape.sum("conveyor_qa_verdicts_total", Map.of("outcome", "passed"))).isEqualTo(1);
    assertThat(scrape.sum("conveyor_qa_retries_total", Map.of("step", "TEXT_GENERATION")))
        .isEqualTo(1);
    assertThat(scrape.sum("conveyor_jobs_finished_total", Map.of("state", "APPROVED")))
        .isEqualTo(1);
    assertThat(scrape.sum("conveyor_pipeline_duration_seconds_count", Map.of())).isEqualTo(1);
    assertThat(scrape.names()).anyMatch(name -> name.startsWith("temporal_"));

    // one log line per real call: the offline prompt writer, two writes, three judge calls
    List<ILoggingEvent> calls =
        logLines.list.stream()
            .filter(e -> e.getFormattedMessage().startsWith("model call "))
            .toList();
    assertThat(calls).hasSize(6);
    ILoggingEvent firstWrite =
        calls.stream()
            .filter(e -> fields(e).get("requestedModel").equals("gpt-writer"))
            .findFirst()
            .orElseThrow();
    Map<String, String> write = fields(firstWrite);
    assertThat(write)
        .containsEntry("jobId", status.jobId())
        .containsEntry("workflowId", status.jobId())
        .containsEntry("runId", WorkflowStub.fromTyped(job).getExecution().getRunId())
        .containsEntry("step", "TEXT_GENERATION")
        .containsEntry("tier", "STANDARD")
        .containsEntry("revision", "0")
        .containsEntry("qaAttempt", "1")
        .containsEntry("attempt", "1")
        .containsEntry("provider", "openai")
        .containsEntry("servedModel", "gpt-writer-2024")
        .containsEntry("inputTokens", "40")
        .containsEntry("outputTokens", "30")
        .containsEntry("costUsd", "0.0001")
        .containsEntry("outcome", "ok")
        .containsEntry("errorType", "")
        .containsKey("latencyMs");
    Map<String, String> failed =
        calls.stream()
            .map(JobObservabilityTests::fields)
            .filter(f -> !f.get("errorType").isEmpty())
            .findFirst()
            .orElseThrow();
    assertThat(failed)
        .containsEntry("requestedModel", "gpt-judge")
        .containsEntry("errorType", "InternalServerException")
        .containsEntry("attempt", "1")
        .containsEntry("costUsd", "0");
    assertThat(
            calls.stream()
                .map(JobObservabilityTests::fields)
                .filter(f -> f.get("requestedModel").equals("gpt-judge"))
                .map(f -> f.get("attempt")))
        .as("the retried QA activity logs its own, real call")
        .containsExactly("1", "2", "1");
    for (ILoggingEvent line : calls) {
      assertThat(line.getFormattedMessage() + fields(line))
          .as("no prompt or output text in the logs")
          .doesNotContain("Durable pipelines")
          .doesNotContain("tagline about durable");
    }
    assertThat(status.calls()).extracting(ModelCall::step).contains(Step.PROMPT);
  }

  @Test
  void should_switch_the_judge_to_the_economy_model_when_its_estimate_would_overrun_the_budget()
      throws Exception {
    // given the writer's estimate (1,500 input and 500 output tokens) is 0.0025 USD and the
    // judge's (2,500 and 300) 0.0031 USD; after the write 0.0029 of 0.003 USD remain
    server.script("gpt-writer", Wire.openAiChat("gpt-writer", WRITTEN, "stop", 40, 30));
    Map<Step, ModelSettings> routes = new EnumMap<>(Step.class);
    routes.put(Step.TEXT_GENERATION, openAi(server, "gpt-writer"));
    routes.put(Step.TEXT_QA, openAi(server, "gpt-judge"));

    // when
    JobWorkflow job =
        start(routes, new BudgetSettings(new BigDecimal("0.003"), BudgetPolicy.SWITCH, null), null);
    JobResult result = WorkflowStub.fromTyped(job).getResult(JobResult.class);
    Scrape scrape = scrape();

    // then QA ran on the offline checks, and nobody called the judge
    assertThat(result.state()).isEqualTo(Stage.APPROVED);
    assertThat(server.requestsFor("gpt-judge")).isEmpty();
    assertThat(job.status().calls())
        .filteredOn(call -> call.step() == Step.TEXT_QA)
        .singleElement()
        .extracting(ModelCall::provider)
        .isEqualTo("offline");
    assertThat(result.budgetInterventions())
        .singleElement()
        .satisfies(
            switched -> {
              assertThat(switched.step()).isEqualTo(Step.TEXT_QA);
              assertThat(switched.estimateUsd()).isEqualByComparingTo("0.0031");
              assertThat(switched.remainingUsd()).isEqualByComparingTo("0.0029");
            });
    assertThat(result.costUsd()).isLessThanOrEqualTo(new BigDecimal("0.003"));
    assertThat(
            scrape.sum(
                "conveyor_budget_interventions_total",
                Map.of("action", "SWITCH", "step", "TEXT_QA")))
        .isEqualTo(1);
  }

  /**
   * The gauge of jobs awaiting approval comes from the job store, which the starter reads; it is
   * not emitted by the activities or the workflow, so no scrape here can show it. The starter's
   * {@code JobHistoryApiTests} scrapes it from the starter's own endpoint.
   */
  static final String FROM_THE_JOB_STORE = "conveyor_jobs_awaiting_approval";

  @Test
  void should_export_every_metric_the_dashboard_and_the_alert_rules_query() throws Exception {
    // given a job that meets QA retries, a budget switch, and a reviewer: the writer's estimate
    // is 0.0025 USD and the judge's 0.0031 USD, so the second verdict would overrun 0.0033 USD
    server.script("gpt-writer", Wire.openAiChat("gpt-writer", WRITTEN, "stop", 40, 30));
    server.script(
        "gpt-judge",
        Wire.openAiChat("gpt-judge", Wire.verdict(false, 0.3, "more detail"), "stop", 100, 20));
    Map<Step, ModelSettings> routes = new EnumMap<>(Step.class);
    routes.put(Step.TEXT_GENERATION, openAi(server, "gpt-writer"));
    routes.put(Step.TEXT_QA, openAi(server, "gpt-judge"));
    JobWorkflow job =
        start(
            routes,
            new BudgetSettings(new BigDecimal("0.0033"), BudgetPolicy.SWITCH, null),
            null,
            ApprovalPolicy.ALWAYS);
    JobEnvironment.awaitStage(env, job, Stage.AWAITING_APPROVAL);

    // when
    job.approve(new Decision("rita", null, null));
    JobResult result = WorkflowStub.fromTyped(job).getResult(JobResult.class);
    Scrape scrape = scrape();

    // then every series the dashboard and the alert rules query is exported
    assertThat(result.state()).isEqualTo(Stage.APPROVED);
    assertThat(result.budgetInterventions()).isNotEmpty();
    Set<String> queried = new TreeSet<>();
    queried.addAll(metricsIn(dashboardQueries()));
    queried.addAll(metricsIn(alertQueries()));
    assertThat(queried)
        .contains(
            "gen_ai_client_operation_duration_seconds_bucket",
            "conveyor_model_cost_usd_total",
            FROM_THE_JOB_STORE);
    queried.remove(FROM_THE_JOB_STORE);
    assertThat(scrape.names())
        .as("metrics exported after a job; the scrape has %s", scrape.names())
        .containsAll(queried);
  }

  private static List<String> dashboardQueries() throws IOException {
    JsonNode dashboard =
        new ObjectMapper().readTree(DEPLOY.resolve("grafana/dashboards/conveyor.json").toFile());
    List<String> queries = new ArrayList<>();
    for (JsonNode panel : dashboard.path("panels")) {
      for (JsonNode target : panel.path("targets")) {
        queries.add(target.path("expr").asText());
      }
    }
    assertThat(queries).isNotEmpty();
    return queries;
  }

  private static List<String> alertQueries() throws IOException {
    List<String> queries =
        Files.readAllLines(DEPLOY.resolve("prometheus/alerts.yml")).stream()
            .map(String::strip)
            .filter(line -> line.startsWith("expr:"))
            .map(line -> line.substring("expr:".length()))
            .toList();
    assertThat(queries).isNotEmpty();
    return queries;
  }

  private static Set<String> metricsIn(List<String> queries) {
    Set<String> names = new TreeSet<>();
    for (String query : queries) {
      // Label matchers, groupings and strings hold label names and values, not series names.
      String series =
          query
              .replaceAll("\\{[^}]*}", " ")
              .replaceAll("\\b(?:by|without)\\s*\\([^)]*\\)", " ")
              .replaceAll("\"[^\"]*\"", " ");
      Matcher metric = METRIC.matcher(series);
      while (metric.find()) {
        names.add(metric.group());
      }
    }
    return names;
  }

  private JobWorkflow start(
      Map<Step, ModelSettings> routes, BudgetSettings budget, BudgetPolicy policy) {
    return start(routes, budget, policy, ApprovalPolicy.NEVER);
  }

  private JobWorkflow start(
      Map<Step, ModelSettings> routes,
      BudgetSettings budget,
      BudgetPolicy policy,
      ApprovalPolicy approval) {
    OfflineSettings offline = new OfflineSettings(0, Duration.ZERO);
    ModelCatalog catalog =
        ModelCatalog.create(routes, budget.economy(), PriceTable.empty(), offline, Models.KEYS);
    FileArtifactStore store = new FileArtifactStore(root);
    CallRecorder recorder = new CallRecorder(registry);
    env =
        JobEnvironment.start(
            TestEnvironmentOptions.newBuilder().setMetricsScope(scope).build(),
            TASK_QUEUE,
            new JdbcJobStoreWriter(TestPostgres.migratedDatabase().dataSource()),
            registry,
            new ArtifactActivitiesImpl(store),
            new RoutingActivitiesImpl(catalog, budget),
            new PromptActivitiesImpl(store, catalog, recorder),
            new GenerationActivitiesImpl(store, catalog, recorder),
            new QaActivitiesImpl(store, catalog, offline, recorder));
    JobWorkflow job =
        env.getWorkflowClient()
            .newWorkflowStub(
                JobWorkflow.class,
                WorkflowOptions.newBuilder()
                    .setWorkflowId("job-observed")
                    .setTaskQueue(TASK_QUEUE)
                    .build());
    WorkflowClient.start(
        job::run,
        JobRequest.builder(REQUIREMENTS, OutputKind.TEXT)
            .qaCriteria(List.of())
            .approvalPolicy(approval)
            .budgetPolicy(policy)
            .build());
    return job;
  }

  private Scrape scrape() throws Exception {
    scope.close();
    return new Scrape(registry.scrape());
  }

  private static Map<String, String> fields(ILoggingEvent event) {
    Map<String, String> fields = new java.util.LinkedHashMap<>();
    List<KeyValuePair> pairs = event.getKeyValuePairs();
    if (pairs != null) {
      pairs.forEach(pair -> fields.put(pair.key, String.valueOf(pair.value)));
    }
    return fields;
  }
}
