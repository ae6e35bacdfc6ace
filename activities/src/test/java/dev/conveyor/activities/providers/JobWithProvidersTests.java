package dev.conveyor.activities.providers;

import static dev.conveyor.activities.testing.Models.anthropic;
import static dev.conveyor.activities.testing.Models.chain;
import static dev.conveyor.activities.testing.Models.openAi;
import static org.assertj.core.api.Assertions.assertThat;

import dev.conveyor.activities.artifact.ArtifactActivitiesImpl;
import dev.conveyor.activities.artifact.FileArtifactStore;
import dev.conveyor.activities.catalog.ModelCatalog;
import dev.conveyor.activities.catalog.ModelSettings;
import dev.conveyor.activities.generation.GenerationActivitiesImpl;
import dev.conveyor.activities.offline.OfflineSettings;
import dev.conveyor.activities.prompt.PromptActivitiesImpl;
import dev.conveyor.activities.qa.QaActivitiesImpl;
import dev.conveyor.activities.routing.RoutingActivitiesImpl;
import dev.conveyor.activities.testing.JobEnvironment;
import dev.conveyor.activities.testing.Models;
import dev.conveyor.activities.testing.ScriptedServer;
import dev.conveyor.activities.testing.Wire;
import dev.conveyor.store.JdbcJobStoreWriter;
import dev.conveyor.store.testing.TestPostgres;
import dev.conveyor.workflow.JobWorkflow;
import dev.conveyor.workflow.model.ApprovalPolicy;
import dev.conveyor.workflow.model.ApprovalReason;
import dev.conveyor.workflow.model.JobRequest;
import dev.conveyor.workflow.model.JobResult;
import dev.conveyor.workflow.model.JobStatus;
import dev.conveyor.workflow.model.ModelCall;
import dev.conveyor.workflow.model.OutputKind;
import dev.conveyor.workflow.model.Stage;
import dev.conveyor.workflow.model.Step;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Whole jobs, on the real job workflow and the real activities, with text generation routed to
 * scripted provider servers: each case asserts the job's final state, its attempts, and the model
 * that served each step. Prompt and QA stay on the offline models.
 */
class JobWithProvidersTests {

  static final String TASK_QUEUE = "jobs-with-providers";
  static final String REQUIREMENTS = "A tagline about durable pipelines for generative work";
  static final String WRITTEN =
      "Durable pipelines keep generative work moving: a tagline for teams that need every job"
          + " finished, whatever fails along the way.";

  @TempDir Path root;
  private ScriptedServer server;
  private TestWorkflowEnvironment env;
  private JobWorkflow job;

  @BeforeEach
  void start() throws IOException {
    server = new ScriptedServer();
  }

  @AfterEach
  void stop() {
    if (env != null) {
      env.close();
    }
    server.close();
  }

  @Test
  void should_approve_a_job_whose_text_model_fell_back_after_a_refusal() {
    server.script("gpt-locked", Wire.error(401));
    server.script(
        "claude-writer", Wire.anthropicMessage("claude-writer", WRITTEN, "end_turn", 40, 30));

    JobResult result =
        run(
            chain(openAi(server, "gpt-locked"), anthropic(server, "claude-writer")),
            ApprovalPolicy.NEVER);

    assertThat(result.state()).isEqualTo(Stage.APPROVED);
    assertThat(result.qaAttempts()).isEqualTo(1);
    ModelCall generation = call(Step.TEXT_GENERATION);
    assertThat(generation.modelId()).isEqualTo("anthropic/claude-writer");
    assertThat(generation.fallbacks()).singleElement().asString().startsWith("openai/gpt-locked");
    assertThat(generation.fallbacks().get(0)).contains("401");
    assertThat(server.requestsFor("gpt-locked")).hasSize(1);
  }

  @Test
  void should_wait_out_a_rate_limit_and_keep_the_first_model() {
    server.script(
        "gpt-busy",
        Wire.error(429).withHeader("Retry-After", "3"),
        Wire.openAiChat("gpt-busy", WRITTEN, "stop", 40, 30));

    JobResult result = run(openAi(server, "gpt-busy"), ApprovalPolicy.NEVER);

    assertThat(result.state()).isEqualTo(Stage.APPROVED);
    ModelCall generation = call(Step.TEXT_GENERATION);
    assertThat(generation.modelId()).isEqualTo("openai/gpt-busy");
    assertThat(generation.fallbacks()).isEmpty();
    assertThat(generation.inputTokens()).isEqualTo(40);
    assertThat(server.requestsFor("gpt-busy")).hasSize(2);
  }

  @Test
  void should_send_the_job_to_a_human_with_the_reason_when_every_text_model_fails() {
    server.script("gpt-locked", Wire.error(401));
    server.script("claude-gone", Wire.error(404));

    JobWorkflow job =
        start(
            chain(openAi(server, "gpt-locked"), anthropic(server, "claude-gone")),
            ApprovalPolicy.ALWAYS);
    JobStatus status = JobEnvironment.awaitStage(env, job, Stage.AWAITING_APPROVAL);

    assertThat(status.awaiting().reason()).isEqualTo(ApprovalReason.MODELS_EXHAUSTED);
    assertThat(status.awaiting().detail())
        .startsWith("GENERATE failed after retries")
        .contains("openai/gpt-locked")
        .contains("anthropic/claude-gone");
    assertThat(status.output()).isNull();
    assertThat(status.attempts()).isEmpty();
  }

  @Test
  void should_end_failed_with_the_reason_when_every_text_model_fails_and_no_human_is_asked() {
    server.script("gpt-locked", Wire.error(401));

    JobResult result = run(openAi(server, "gpt-locked"), ApprovalPolicy.NEVER);

    assertThat(result.state()).isEqualTo(Stage.FAILED);
    assertThat(result.reason()).contains("openai/gpt-locked").contains("ModelsExhausted");
  }

  private JobResult run(ModelSettings textGeneration, ApprovalPolicy policy) {
    JobWorkflow job = start(textGeneration, policy);
    return WorkflowStub.fromTyped(job).getResult(JobResult.class);
  }

  private JobWorkflow start(ModelSettings textGeneration, ApprovalPolicy policy) {
    Map<Step, ModelSettings> routes = new EnumMap<>(Step.class);
    routes.put(Step.TEXT_GENERATION, textGeneration);
    ModelCatalog catalog =
        ModelCatalog.create(routes, new OfflineSettings(0, Duration.ZERO), Models.KEYS);
    FileArtifactStore store = new FileArtifactStore(root);
    env =
        JobEnvironment.start(
            TestEnvironmentOptions.getDefaultInstance(),
            TASK_QUEUE,
            new JdbcJobStoreWriter(TestPostgres.migratedDatabase().dataSource()),
            new SimpleMeterRegistry(),
            new ArtifactActivitiesImpl(store),
            new RoutingActivitiesImpl(catalog),
            new PromptActivitiesImpl(store, catalog),
            new GenerationActivitiesImpl(store, catalog),
            new QaActivitiesImpl(store, catalog, new OfflineSettings(0, Duration.ZERO)));
    JobWorkflow job =
        env.getWorkflowClient()
            .newWorkflowStub(
                JobWorkflow.class,
                WorkflowOptions.newBuilder()
                    .setWorkflowId("job-" + UUID.randomUUID())
                    .setTaskQueue(TASK_QUEUE)
                    .build());
    WorkflowClient.start(
        job::run,
        JobRequest.builder(REQUIREMENTS, OutputKind.TEXT)
            .qaCriteria(List.of())
            .approvalPolicy(policy)
            .build());
    this.job = job;
    return job;
  }

  private ModelCall call(Step step) {
    return job.status().calls().stream()
        .filter(call -> call.step() == step)
        .reduce((first, second) -> second)
        .orElseThrow();
  }
}
