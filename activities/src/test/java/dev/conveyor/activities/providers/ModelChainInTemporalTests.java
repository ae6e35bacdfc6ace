package dev.conveyor.activities.providers;

import static dev.conveyor.activities.testing.Models.anthropic;
import static dev.conveyor.activities.testing.Models.chain;
import static dev.conveyor.activities.testing.Models.gemini;
import static dev.conveyor.activities.testing.Models.openAi;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.conveyor.activities.artifact.FileArtifactStore;
import dev.conveyor.activities.catalog.ModelCatalog;
import dev.conveyor.activities.catalog.ModelSettings;
import dev.conveyor.activities.generation.GenerationActivitiesImpl;
import dev.conveyor.activities.offline.OfflineSettings;
import dev.conveyor.activities.testing.Models;
import dev.conveyor.activities.testing.ScriptedServer;
import dev.conveyor.activities.testing.Wire;
import dev.conveyor.workflow.activity.ActivityErrors;
import dev.conveyor.workflow.activity.GenerationActivities;
import dev.conveyor.workflow.activity.GenerationRequest;
import dev.conveyor.workflow.activity.StepResult;
import dev.conveyor.workflow.model.Step;
import io.temporal.activity.ActivityOptions;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A step's chain of models across Temporal's retries: the generation activity runs in a test
 * workflow with the retry policy the job workflow uses for model steps (1 s initial interval,
 * backoff 2, at most 30 s, up to 20 attempts), on Temporal's in-memory test server, against the
 * scripted provider server. What each retry resumes with comes from the last attempt's heartbeat
 * details, so the counts of requests per model below are only possible if it does.
 */
class ModelChainInTemporalTests {

  static final String TASK_QUEUE = "model-chain";
  static final String WRITTEN = "Conveyor is the durable pipeline for generative work.";

  /** A workflow that generates one text, as the job workflow does. */
  @WorkflowInterface
  public interface GenerateOnce {
    @WorkflowMethod
    StepResult generate(GenerationRequest request);
  }

  /** Calls the generation activity with the job workflow's model-step options. */
  public static class GenerateOnceImpl implements GenerateOnce {
    private final GenerationActivities generation =
        Workflow.newActivityStub(
            GenerationActivities.class,
            ActivityOptions.newBuilder()
                .setStartToCloseTimeout(Duration.ofMinutes(2))
                .setHeartbeatTimeout(Duration.ofSeconds(10))
                .setRetryOptions(
                    RetryOptions.newBuilder()
                        .setInitialInterval(Duration.ofSeconds(1))
                        .setBackoffCoefficient(2)
                        .setMaximumInterval(Duration.ofSeconds(30))
                        .setMaximumAttempts(20)
                        .setDoNotRetry(ActivityErrors.nonRetryable())
                        .build())
                .build());

    @Override
    public StepResult generate(GenerationRequest request) {
      return generation.generateText(request);
    }
  }

  @TempDir Path root;
  private ScriptedServer server;
  private FileArtifactStore store;
  private TestWorkflowEnvironment env;

  @BeforeEach
  void start() throws IOException {
    server = new ScriptedServer();
    store = new FileArtifactStore(root);
  }

  @AfterEach
  void stop() {
    if (env != null) {
      env.close();
    }
    server.close();
  }

  @Test
  void should_retry_a_throttled_model_three_times_then_serve_from_the_next_one() {
    server.script("gpt-busy", Wire.error(429).withHeader("Retry-After", "2"));
    server.script(
        "claude-writer", Wire.anthropicMessage("claude-writer", WRITTEN, "end_turn", 50, 20));

    Run run = generate(chain(openAi(server, "gpt-busy"), anthropic(server, "claude-writer")));

    assertThat(run.result().call().modelId()).isEqualTo("anthropic/claude-writer");
    assertThat(run.result().call().fallbacks())
        .containsExactly("openai/gpt-busy: 3 transient failures (429 rate limited)");
    assertThat(store.readText(run.result().artifact())).isEqualTo(WRITTEN);
    assertThat(server.requestsFor("gpt-busy")).hasSize(3);
    assertThat(server.requestsFor("claude-writer")).hasSize(1);
    assertThat(run.attempts()).isEqualTo(3);
  }

  @Test
  void should_keep_a_model_that_recovers_within_its_attempts() {
    server.script(
        "gpt-flaky",
        Wire.error(500),
        Wire.error(502),
        Wire.openAiChat("gpt-flaky", WRITTEN, "stop", 30, 10));
    server.script("claude-writer", Wire.error(500));

    Run run = generate(chain(openAi(server, "gpt-flaky"), anthropic(server, "claude-writer")));

    assertThat(run.result().call().modelId()).isEqualTo("openai/gpt-flaky");
    assertThat(run.result().call().fallbacks()).isEmpty();
    assertThat(run.attempts()).isEqualTo(3);
    assertThat(server.requestsFor("claude-writer")).isEmpty();
  }

  @Test
  void should_resume_on_the_fallback_after_a_retry_instead_of_the_first_model() {
    ModelSettings firstTwoAttempts =
        Models.settings("openai", "gpt-down", server.url() + "/v1", "K", 10, 2);
    server.script("gpt-down", Wire.error(503));
    server.script(
        "gemini-writer",
        Wire.error(500),
        Wire.geminiText("gemini-writer-001", WRITTEN, "STOP", 40, 12));

    Run run = generate(chain(firstTwoAttempts, gemini(server, "gemini-writer")));

    assertThat(run.result().call().modelId()).isEqualTo("gemini/gemini-writer-001");
    assertThat(run.result().call().fallbacks())
        .containsExactly("openai/gpt-down: 2 transient failures (503 server error)");
    // Attempt 1: gpt-down 503. Attempt 2: gpt-down 503, skipped, gemini 500.
    // Attempt 3 resumes on gemini, which serves: gpt-down is not asked again.
    assertThat(server.requestsFor("gpt-down")).hasSize(2);
    assertThat(server.requestsFor("gemini-writer")).hasSize(2);
    assertThat(run.attempts()).isEqualTo(3);
  }

  @Test
  void should_fail_for_good_with_one_line_per_model_when_every_model_is_exhausted() {
    server.script("claude-locked", Wire.error(401));
    server.script("gpt-busy", Wire.error(429));

    assertThatThrownBy(
            () -> generate(chain(anthropic(server, "claude-locked"), openAi(server, "gpt-busy"))))
        .isInstanceOf(WorkflowFailedException.class)
        .cause()
        .isInstanceOf(ActivityFailure.class)
        .cause()
        .isInstanceOfSatisfying(
            ApplicationFailure.class,
            failure -> {
              assertThat(failure.getType()).isEqualTo(ActivityErrors.MODELS_EXHAUSTED);
              assertThat(failure.isNonRetryable()).isTrue();
              assertThat(failure.getOriginalMessage())
                  .isEqualTo(
                      "every model of conveyor.models.text-generation failed:\n"
                          + "anthropic/claude-locked: rejected (401 authentication)\n"
                          + "openai/gpt-busy: 3 transient failures (429 rate limited)");
            });
    assertThat(server.requestsFor("claude-locked")).hasSize(1);
    assertThat(server.requestsFor("gpt-busy")).hasSize(3);
  }

  /** What a run of the test workflow produced, and its history. */
  private record Run(StepResult result, List<HistoryEvent> history) {
    int attempts() {
      return history.stream()
          .filter(HistoryEvent::hasActivityTaskStartedEventAttributes)
          .mapToInt(e -> e.getActivityTaskStartedEventAttributes().getAttempt())
          .max()
          .orElse(0);
    }
  }

  private Run generate(ModelSettings textGeneration) {
    Map<Step, ModelSettings> settings = new EnumMap<>(Step.class);
    settings.put(Step.TEXT_GENERATION, textGeneration);
    ModelCatalog catalog = ModelCatalog.create(settings, OfflineSettings.defaults(), Models.KEYS);
    env = TestWorkflowEnvironment.newInstance();
    Worker worker = env.newWorker(TASK_QUEUE);
    worker.registerWorkflowImplementationTypes(GenerateOnceImpl.class);
    worker.registerActivitiesImplementations(new GenerationActivitiesImpl(store, catalog));
    env.start();
    WorkflowClient client = env.getWorkflowClient();
    GenerateOnce workflow =
        client.newWorkflowStub(
            GenerateOnce.class,
            WorkflowOptions.newBuilder()
                .setTaskQueue(TASK_QUEUE)
                .setWorkflowId("chain-" + System.nanoTime())
                .build());
    GenerationRequest request =
        new GenerationRequest(
            store.putText("### Task\nAnnounce Conveyor."),
            store.putText("Announce Conveyor to engineering managers."),
            null,
            0,
            1);
    WorkflowExecution execution = WorkflowClient.start(workflow::generate, request);
    StepResult result =
        client.newUntypedWorkflowStub(execution.getWorkflowId()).getResult(StepResult.class);
    return new Run(result, history(client, execution));
  }

  private static List<HistoryEvent> history(WorkflowClient client, WorkflowExecution execution) {
    return client.fetchHistory(execution.getWorkflowId()).getHistory().getEventsList();
  }
}
