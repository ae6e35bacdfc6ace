package dev.conveyor.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.conveyor.worker.config.WorkerProperties;
import dev.conveyor.workflow.JobWorkflow;
import dev.conveyor.workflow.model.ApprovalPolicy;
import dev.conveyor.workflow.model.JobRequest;
import dev.conveyor.workflow.model.JobResult;
import dev.conveyor.workflow.model.OutputKind;
import dev.conveyor.workflow.model.Stage;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The worker as operators run it with the {@code json} profile: a job, then its model calls as JSON
 * log lines, and the worker's {@code /actuator/prometheus} with the GenAI, Conveyor and Temporal
 * metrics; the default price table is bound from application.yml.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "conveyor.temporal.embedded.enabled=true",
      "conveyor.temporal.embedded.port=0",
      "conveyor.temporal.task-queue=observability-tests",
      "conveyor.offline.qa-fail-first=1"
    })
@ActiveProfiles("json")
@ExtendWith(OutputCaptureExtension.class)
class WorkerObservabilityTests {

  static final String REQUIREMENTS =
      "A release note for version 2.0 of a note-taking app: offline sync and dark mode";

  @TempDir static Path artifacts;

  @DynamicPropertySource
  static void artifactsDir(DynamicPropertyRegistry registry) {
    registry.add("conveyor.artifacts.dir", () -> artifacts.toString());
  }

  @Autowired WorkflowClient client;
  @Autowired WorkerProperties properties;
  @LocalServerPort int port;

  @Test
  void should_log_each_call_as_json_and_export_genai_conveyor_and_temporal_metrics(
      CapturedOutput output) throws Exception {
    // given
    String workflowId = "observed-" + UUID.randomUUID();
    JobWorkflow job =
        client.newWorkflowStub(
            JobWorkflow.class,
            WorkflowOptions.newBuilder()
                .setWorkflowId(workflowId)
                .setTaskQueue("observability-tests")
                .build());

    // when a job runs through one QA retry
    JobResult result =
        job.run(
            JobRequest.of(REQUIREMENTS, OutputKind.TEXT, List.of()).toBuilder()
                .approvalPolicy(ApprovalPolicy.NEVER)
                .build());
    // The SDK's metrics scope reports its counters every few seconds.
    String scrape =
        await()
            .atMost(Duration.ofSeconds(30))
            .pollInterval(Duration.ofMillis(500))
            .until(
                () -> get("/actuator/prometheus"),
                body -> body.contains("conveyor_jobs_finished_total{"));

    // then
    assertThat(result.state()).isEqualTo(Stage.APPROVED);
    assertThat(result.qaAttempts()).isEqualTo(2);
    assertThat(scrape)
        .containsPattern(
            "(?m)^gen_ai_client_operation_duration_seconds_count\\{[^}]*"
                + "gen_ai_provider_name=\"offline\"[^}]*"
                + "gen_ai_request_model=\"conveyor-text-writer\"[^}]*} 2$")
        .containsPattern(
            "(?m)^conveyor_qa_retries_total\\{[^}]*step=\"TEXT_GENERATION\"[^}]*} 1.0$")
        .containsPattern("(?m)^conveyor_jobs_finished_total\\{[^}]*state=\"APPROVED\"[^}]*} 1.0$")
        .containsPattern("(?m)^conveyor_model_cost_usd_total\\{[^}]*step=\"PROMPT\"[^}]*} 0.0$")
        .containsPattern("(?m)^temporal_workflow_completed_total\\{");

    JsonMapper json = JsonMapper.builder().build();
    List<JsonNode> calls =
        output
            .getOut()
            .lines()
            .filter(line -> line.startsWith("{"))
            .map(json::readTree)
            .filter(line -> line.path("message").asString().startsWith("model call "))
            .filter(line -> line.path("workflowId").asString().equals(workflowId))
            .toList();
    // prompt, two generations, and QA: the checks that held the first attempt back, then passed
    assertThat(calls).hasSize(5);
    JsonNode generation =
        calls.stream()
            .filter(line -> line.path("step").asString().equals("TEXT_GENERATION"))
            .findFirst()
            .orElseThrow();
    assertThat(generation.path("jobId").asString()).isEqualTo(workflowId);
    assertThat(generation.path("runId").asString()).isNotBlank();
    assertThat(generation.path("revision").asInt()).isZero();
    assertThat(generation.path("qaAttempt").asInt()).isEqualTo(1);
    assertThat(generation.path("provider").asString()).isEqualTo("offline");
    assertThat(generation.path("servedModel").asString()).isEqualTo("conveyor-text-writer");
    assertThat(generation.path("inputTokens").asLong()).isPositive();
    assertThat(generation.path("costUsd").asString()).isEqualTo("0");
    assertThat(generation.path("outcome").asString()).isEqualTo("ok");
    assertThat(calls).allSatisfy(line -> assertThat(line.toString()).doesNotContain("dark mode"));
  }

  @Test
  void should_bind_the_default_price_table_from_application_yml() {
    assertThat(properties.pricing().models().get("openai/gpt-4.1-mini").inputPerMillion())
        .isEqualByComparingTo(new BigDecimal("0.40"));
    assertThat(properties.pricing().models().get("openai/gpt-image-1").perImage())
        .isEqualByComparingTo(new BigDecimal("0.042"));
    assertThat(properties.pricing().models())
        .containsKeys(
            "openai/gpt-4o",
            "openai/gpt-4o-mini",
            "openai/gpt-4.1",
            "openai/gpt-4.1-nano",
            "anthropic/claude-sonnet-4-5",
            "anthropic/claude-haiku-4-5",
            "gemini/gemini-2.5-flash",
            "gemini/gemini-2.5-pro");
  }

  private String get(String path) throws Exception {
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
    return response.body();
  }
}
