package dev.conveyor.activities.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.conveyor.activities.artifact.FileArtifactStore;
import dev.conveyor.activities.catalog.ModelCatalog;
import dev.conveyor.activities.catalog.ModelSettings;
import dev.conveyor.activities.generation.GenerationActivitiesImpl;
import dev.conveyor.activities.modelcall.ModelCallFailures;
import dev.conveyor.activities.offline.OfflineImageModel;
import dev.conveyor.activities.offline.OfflineSettings;
import dev.conveyor.activities.prompt.PromptActivitiesImpl;
import dev.conveyor.activities.qa.QaActivitiesImpl;
import dev.conveyor.activities.testing.ScriptedServer;
import dev.conveyor.workflow.activity.ActivityErrors;
import dev.conveyor.workflow.activity.GenerationActivities;
import dev.conveyor.workflow.activity.GenerationRequest;
import dev.conveyor.workflow.activity.PromptActivities;
import dev.conveyor.workflow.activity.PromptRequest;
import dev.conveyor.workflow.activity.QaActivities;
import dev.conveyor.workflow.activity.QaRequest;
import dev.conveyor.workflow.activity.QaResult;
import dev.conveyor.workflow.activity.StepResult;
import dev.conveyor.workflow.model.ArtifactRef;
import dev.conveyor.workflow.model.OutputKind;
import dev.conveyor.workflow.model.Step;
import io.temporal.activity.ActivityOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestActivityEnvironment;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The activities with LangChain4j's real OpenAI client, against a scripted OpenAI-compatible server
 * on the loopback interface.
 */
class OpenAiCompatibleServerTests {

  static final String REQUIREMENTS =
      "Write a product announcement for Conveyor, a durable pipeline that turns business"
          + " requirements into approved text and images. The audience is engineering managers"
          + " who care about reliability and cost.";
  static final String PASSING_TEXT =
      """
      Meet Conveyor, the durable pipeline for generative work. This product announcement is for \
      engineering managers: Conveyor turns business requirements into approved text and images, \
      with automated checks, bounded retries and a human approval step. Reliability comes first, \
      and the cost of every call stays visible.""";
  static final ActivityOptions OPTIONS =
      ActivityOptions.newBuilder()
          .setStartToCloseTimeout(Duration.ofMinutes(1))
          .setHeartbeatTimeout(Duration.ofSeconds(5))
          .build();

  @TempDir Path root;
  private ScriptedOpenAiServer server;
  private FileArtifactStore store;
  private TestActivityEnvironment env;
  private byte[] png;

  @BeforeEach
  void startServer() throws IOException {
    png =
        Base64.getDecoder()
            .decode(
                new OfflineImageModel(Duration.ZERO)
                    .generate("server picture")
                    .content()
                    .base64Data());
    server = new ScriptedOpenAiServer(png);
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
  void should_generate_text_and_account_for_tokens_cost_and_the_served_model() {
    GenerationActivities generation =
        activities(Map.of(Step.TEXT_GENERATION, openAi("writer", "2.50", "10.00", null)))
            .stub(GenerationActivities.class);

    StepResult result =
        generation.generateText(
            new GenerationRequest(
                store.putText("### Task\nAnnounce Conveyor."),
                store.putText(REQUIREMENTS),
                "Mention \"Temporal\".",
                0,
                2));

    assertThat(store.readText(result.artifact())).isEqualTo(ScriptedOpenAiServer.WRITTEN_TEXT);
    assertThat(result.call().provider()).isEqualTo("openai");
    assertThat(result.call().model()).isEqualTo(ScriptedOpenAiServer.SERVED_MODEL);
    assertThat(result.call().inputTokens()).isEqualTo(1_200);
    assertThat(result.call().outputTokens()).isEqualTo(300);
    // 1,200 * 2.50 / 1e6 + 300 * 10.00 / 1e6 = 0.003 + 0.003
    assertThat(result.call().costUsd()).isEqualByComparingTo("0.006");
    ScriptedServer.Recorded request = server.requestsFor("writer").get(0);
    assertThat(request.header("Authorization")).isEqualTo("Bearer sk-test");
    String userMessage = request.body().path("messages").get(1).path("content").asText();
    assertThat(userMessage)
        .contains("Announce Conveyor.")
        .contains("### Original requirements\n" + REQUIREMENTS)
        .contains("### Feedback on the previous attempt\nMention \"Temporal\".");
  }

  @Test
  void should_write_the_prompt_with_a_remote_model() {
    PromptActivities prompts =
        activities(Map.of(Step.PROMPT, openAi("writer", "0.15", "0.60", null)))
            .stub(PromptActivities.class);

    StepResult prompt =
        prompts.writePrompt(
            new PromptRequest(store.putText(REQUIREMENTS), OutputKind.IMAGE, List.of("bright")));

    assertThat(store.readText(prompt.artifact())).isEqualTo(ScriptedOpenAiServer.WRITTEN_TEXT);
    assertThat(prompt.call().step()).isEqualTo(Step.PROMPT);
    JsonNode messages = server.requestsFor("writer").get(0).body().path("messages");
    assertThat(messages.get(0).path("content").asText()).contains("image-generation model");
    assertThat(messages.get(1).path("content").asText()).contains("- bright");
  }

  @Test
  void should_store_an_image_answered_as_base64_and_price_it_per_image() {
    GenerationActivities generation =
        activities(Map.of(Step.IMAGE_GENERATION, openAi("painter-b64", null, null, "0.04")))
            .stub(GenerationActivities.class);

    StepResult result = generation.generateImage(imageRequest());

    assertThat(result.artifact().contentType()).isEqualTo("image/png");
    assertThat(store.read(result.artifact())).isEqualTo(png);
    assertThat(result.call().model()).isEqualTo("painter-b64");
    assertThat(result.call().costUsd()).isEqualByComparingTo("0.04");
    assertThat(server.requestsFor("painter-b64").get(0).body().path("prompt").asText())
        .contains("A lighthouse at dawn.")
        .contains("### Changes requested after the previous attempt\nUse bolder colours.");
  }

  @Test
  void should_download_an_image_answered_as_a_url() {
    GenerationActivities generation =
        activities(Map.of(Step.IMAGE_GENERATION, openAi("painter-url", null, null, "0.04")))
            .stub(GenerationActivities.class);

    StepResult result = generation.generateImage(imageRequest());

    assertThat(store.read(result.artifact())).isEqualTo(png);
    assertThat(result.artifact().contentType()).isEqualTo("image/png");
    assertThat(server.requests())
        .extracting(ScriptedServer.Recorded::path)
        .containsExactly("/v1/images/generations", "/files/picture.png");
  }

  @Test
  void should_take_the_verdict_of_a_judge_that_passes_the_text() {
    QaActivities qa =
        activities(Map.of(Step.TEXT_QA, openAi("judge-pass", "1", "1", null)))
            .stub(QaActivities.class);

    QaResult result = qa.checkText(textQa(PASSING_TEXT));

    assertThat(result.verdict().passed()).isTrue();
    assertThat(result.verdict().score()).isEqualTo(0.92);
    assertThat(result.call().modelId()).isEqualTo("openai/judge-pass");
    assertThat(result.call().costUsd()).isEqualByComparingTo("0.0015");
    JsonNode body = server.requestsFor("judge-pass").get(0).body();
    assertThat(body.path("response_format").path("type").asText()).isEqualTo("json_schema");
    assertThat(body.at("/response_format/json_schema/schema/required").toString())
        .isEqualTo("[\"passed\",\"score\",\"issues\",\"feedback\"]");
    assertThat(body.path("messages").get(1).path("content").asText())
        .contains("### Text to judge\n" + PASSING_TEXT)
        .contains("- Address engineering managers");
  }

  @Test
  void should_take_the_verdict_of_a_judge_that_fails_the_text() {
    QaActivities qa =
        activities(Map.of(Step.TEXT_QA, openAi("judge-fail", null, null, null)))
            .stub(QaActivities.class);

    QaResult result = qa.checkText(textQa(PASSING_TEXT));

    assertThat(result.verdict().passed()).isFalse();
    assertThat(result.verdict().issues()).containsExactly("no call to action");
    assertThat(result.verdict().feedback()).isEqualTo("End with a call to action.");
  }

  @Test
  void should_not_call_the_judge_when_the_deterministic_checks_fail() {
    QaActivities qa =
        activities(Map.of(Step.TEXT_QA, openAi("judge-pass", null, null, null)))
            .stub(QaActivities.class);

    QaResult result = qa.checkText(textQa("Too short."));

    assertThat(result.verdict().passed()).isFalse();
    assertThat(result.call().modelId()).isEqualTo("offline/conveyor-text-checks");
    assertThat(server.requests()).isEmpty();
  }

  @Test
  void should_ask_a_judge_that_does_not_answer_json_once_more_then_give_up_on_it() {
    QaActivities qa =
        activities(Map.of(Step.TEXT_QA, openAi("judge-babble", null, null, null)))
            .stub(QaActivities.class);

    assertFailure(() -> qa.checkText(textQa(PASSING_TEXT)), ActivityErrors.MODELS_EXHAUSTED, true);
    assertThat(server.requestsFor("judge-babble")).hasSize(2);
  }

  @Test
  void should_send_the_image_to_a_vision_judge_as_a_data_url() {
    QaActivities qa =
        activities(Map.of(Step.VISION_QA, openAi("judge-pass", null, null, null)))
            .stub(QaActivities.class);
    ArtifactRef image = store.put(png, "image/png");

    QaResult result =
        qa.checkImage(
            new QaRequest(
                image, store.putText("A lighthouse at dawn."), List.of("warm light"), 0, 1));

    assertThat(result.verdict().passed()).isTrue();
    JsonNode content =
        server.requestsFor("judge-pass").get(0).body().path("messages").get(1).path("content");
    assertThat(content.get(0).path("type").asText()).isEqualTo("text");
    assertThat(content.get(0).path("text").asText())
        .contains("A lighthouse at dawn.", "- warm light");
    assertThat(content.get(1).path("type").asText()).isEqualTo("image_url");
    assertThat(content.get(1).path("image_url").path("url").asText())
        .isEqualTo("data:image/png;base64," + Base64.getEncoder().encodeToString(png));
  }

  @Test
  void should_fail_for_good_when_the_key_of_the_only_model_is_refused() {
    PromptActivities prompts =
        activities(Map.of(Step.PROMPT, openAi("locked", null, null, null)))
            .stub(PromptActivities.class);

    assertFailure(
        () ->
            prompts.writePrompt(
                new PromptRequest(store.putText(REQUIREMENTS), OutputKind.TEXT, List.of())),
        ActivityErrors.MODELS_EXHAUSTED,
        true);
    assertThat(server.requestsFor("locked")).hasSize(1);
  }

  @Test
  void should_fail_retryably_on_a_server_error_without_retrying_inside_the_client() {
    PromptActivities prompts =
        activities(Map.of(Step.PROMPT, openAi("broken", null, null, null)))
            .stub(PromptActivities.class);

    assertFailure(
        () ->
            prompts.writePrompt(
                new PromptRequest(store.putText(REQUIREMENTS), OutputKind.TEXT, List.of())),
        ModelCallFailures.SERVER_ERROR,
        false);
    assertThat(server.requestsFor("broken")).hasSize(1);
  }

  @Test
  void should_fail_retryably_when_rate_limited() {
    PromptActivities prompts =
        activities(Map.of(Step.PROMPT, openAi("throttled", null, null, null)))
            .stub(PromptActivities.class);

    assertFailure(
        () ->
            prompts.writePrompt(
                new PromptRequest(store.putText(REQUIREMENTS), OutputKind.TEXT, List.of())),
        ModelCallFailures.RATE_LIMITED,
        false);
    // The scripted server answers "Retry-After: 7"; the next retry waits that long.
    assertThatThrownBy(
            () ->
                prompts.writePrompt(
                    new PromptRequest(store.putText(REQUIREMENTS), OutputKind.TEXT, List.of())))
        .cause()
        .isInstanceOfSatisfying(
            ApplicationFailure.class,
            failure -> assertThat(failure.getNextRetryDelay()).isEqualTo(Duration.ofSeconds(7)));
  }

  private ModelSettings openAi(
      String model, String inputPrice, String outputPrice, String imagePrice) {
    return new ModelSettings(
        "openai",
        model,
        server.baseUrl(),
        "TEST_OPENAI_KEY",
        Duration.ofSeconds(10),
        0.2,
        500,
        inputPrice == null ? null : new BigDecimal(inputPrice),
        outputPrice == null ? null : new BigDecimal(outputPrice),
        imagePrice == null ? null : new BigDecimal(imagePrice),
        null,
        null);
  }

  private Activities activities(Map<Step, ModelSettings> settings) {
    ModelCatalog catalog =
        ModelCatalog.create(
            new EnumMap<>(settings),
            OfflineSettings.defaults(),
            name -> name.equals("TEST_OPENAI_KEY") ? "sk-test" : null);
    env = TestActivityEnvironment.newInstance();
    env.registerActivitiesImplementations(
        new PromptActivitiesImpl(store, catalog),
        new GenerationActivitiesImpl(store, catalog),
        new QaActivitiesImpl(store, catalog, OfflineSettings.defaults()));
    return new Activities(env);
  }

  private GenerationRequest imageRequest() {
    return new GenerationRequest(
        store.putText("A lighthouse at dawn."),
        store.putText("Draw a lighthouse."),
        "Use bolder colours.",
        0,
        2);
  }

  private QaRequest textQa(String output) {
    return new QaRequest(
        store.putText(output),
        store.putText(REQUIREMENTS),
        List.of("Address engineering managers"),
        0,
        1);
  }

  private static void assertFailure(ThrowingCallable call, String type, boolean nonRetryable) {
    assertThatThrownBy(call)
        .isInstanceOf(ActivityFailure.class)
        .cause()
        .isInstanceOfSatisfying(
            ApplicationFailure.class,
            failure -> {
              assertThat(failure.getType()).isEqualTo(type);
              assertThat(failure.isNonRetryable()).isEqualTo(nonRetryable);
            });
  }

  private record Activities(TestActivityEnvironment env) {
    <T> T stub(Class<T> activities) {
      return env.newActivityStub(activities, OPTIONS);
    }
  }
}
