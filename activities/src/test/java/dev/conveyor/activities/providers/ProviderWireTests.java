package dev.conveyor.activities.providers;

import static dev.conveyor.activities.testing.Models.anthropic;
import static dev.conveyor.activities.testing.Models.chain;
import static dev.conveyor.activities.testing.Models.gemini;
import static dev.conveyor.activities.testing.Models.offline;
import static dev.conveyor.activities.testing.Models.openAi;
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
import dev.conveyor.activities.testing.Models;
import dev.conveyor.activities.testing.ScriptedServer;
import dev.conveyor.activities.testing.Wire;
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
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The activities with LangChain4j's real OpenAI, Anthropic and Gemini clients against a scripted
 * server speaking their wire formats: one activity execution per case, in Temporal's activity test
 * environment. What happens across retries is in {@link ModelChainInTemporalTests}.
 */
class ProviderWireTests {

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
  static final String WRITTEN = "Conveyor is the durable pipeline for generative work.";
  static final ActivityOptions OPTIONS =
      ActivityOptions.newBuilder()
          .setStartToCloseTimeout(Duration.ofMinutes(1))
          .setHeartbeatTimeout(Duration.ofSeconds(5))
          .build();

  @TempDir Path root;
  private ScriptedServer server;
  private FileArtifactStore store;
  private TestActivityEnvironment env;
  private byte[] png;

  @BeforeEach
  void start() throws IOException {
    png =
        Base64.getDecoder()
            .decode(new OfflineImageModel(Duration.ZERO).generate("x").content().base64Data());
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
  void should_write_with_anthropic_and_account_for_its_usage() {
    server.script(
        "claude-writer",
        Wire.anthropicMessage("claude-writer-2025", WRITTEN, "end_turn", 800, 200));

    StepResult result =
        generateText(Map.of(Step.TEXT_GENERATION, anthropic(server, "claude-writer")));

    assertThat(store.readText(result.artifact())).isEqualTo(WRITTEN);
    assertThat(result.call().provider()).isEqualTo("anthropic");
    assertThat(result.call().model()).isEqualTo("claude-writer-2025");
    assertThat(result.call().inputTokens()).isEqualTo(800);
    assertThat(result.call().outputTokens()).isEqualTo(200);
    // 800 * 1 / 1e6 + 200 * 2 / 1e6
    assertThat(result.call().costUsd()).isEqualByComparingTo("0.0012");
    assertThat(result.call().fallbacks()).isEmpty();
    ScriptedServer.Recorded request = server.requestsFor("claude-writer").get(0);
    assertThat(request.path()).isEqualTo("/v1/messages");
    assertThat(request.header("x-api-key")).isEqualTo("key-of-TEST_ANTHROPIC_KEY");
    assertThat(request.body().path("max_tokens").asInt()).isEqualTo(500);
  }

  @Test
  void should_write_the_prompt_with_gemini_and_account_for_its_usage() {
    server.script("gemini-writer", Wire.geminiText("gemini-writer-001", WRITTEN, "STOP", 600, 150));

    StepResult result =
        stub(Map.of(Step.PROMPT, gemini(server, "gemini-writer")), PromptActivities.class)
            .writePrompt(
                new PromptRequest(store.putText(REQUIREMENTS), OutputKind.TEXT, List.of()));

    assertThat(store.readText(result.artifact())).isEqualTo(WRITTEN);
    assertThat(result.call().modelId()).isEqualTo("gemini/gemini-writer-001");
    assertThat(result.call().inputTokens()).isEqualTo(600);
    assertThat(result.call().outputTokens()).isEqualTo(150);
    ScriptedServer.Recorded request = server.requestsFor("gemini-writer").get(0);
    assertThat(request.path()).isEqualTo("/v1beta/models/gemini-writer:generateContent");
    assertThat(request.header("x-goog-api-key")).isEqualTo("key-of-TEST_GEMINI_KEY");
  }

  @Test
  void should_wait_as_long_as_a_429_retry_after_date_asks() {
    String inThirtySeconds =
        DateTimeFormatter.RFC_1123_DATE_TIME.format(
            ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(30));
    server.script("claude-busy", Wire.error(429).withHeader("Retry-After", inThirtySeconds));

    assertRetryable(
        () -> generateText(Map.of(Step.TEXT_GENERATION, anthropic(server, "claude-busy"))),
        ModelCallFailures.RATE_LIMITED,
        failure ->
            assertThat(failure.getNextRetryDelay())
                .isBetween(Duration.ofSeconds(25), Duration.ofSeconds(31)));
  }

  @Test
  void should_fail_retryably_on_a_server_error() {
    server.script("gemini-broken", Wire.error(503));

    assertRetryable(
        () -> generateText(Map.of(Step.TEXT_GENERATION, gemini(server, "gemini-broken"))),
        ModelCallFailures.SERVER_ERROR,
        failure -> {
          assertThat(failure.getOriginalMessage()).contains("503 server error");
          assertThat(failure.getNextRetryDelay()).isNull();
        });
    assertThat(server.requestsFor("gemini-broken")).hasSize(1);
  }

  @Test
  void should_fail_retryably_when_an_answer_is_slower_than_the_timeout() {
    server.script(
        "slow-writer",
        Wire.openAiChat("slow-writer", WRITTEN, "stop", 1, 1).after(Duration.ofSeconds(4)));
    ModelSettings slow = Models.withTimeout(openAi(server, "slow-writer"), Duration.ofSeconds(1));

    long started = System.nanoTime();
    assertRetryable(
        () -> generateText(Map.of(Step.TEXT_GENERATION, slow)),
        ModelCallFailures.TIMEOUT,
        failure -> {});
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(4));
  }

  @Test
  void should_move_on_at_once_when_the_key_is_refused_and_record_why() {
    server.script("claude-locked", Wire.error(401));
    server.script("gpt-writer", Wire.openAiChat("gpt-writer", WRITTEN, "stop", 10, 20));

    StepResult result =
        generateText(
            Map.of(
                Step.TEXT_GENERATION,
                chain(anthropic(server, "claude-locked"), openAi(server, "gpt-writer"))));

    assertThat(result.call().modelId()).isEqualTo("openai/gpt-writer");
    assertThat(result.call().fallbacks())
        .containsExactly("anthropic/claude-locked: rejected (401 authentication)");
    assertThat(server.requestsFor("claude-locked")).hasSize(1);
  }

  @Test
  void should_treat_filtered_content_as_a_refusal_and_fall_back_to_the_offline_writer() {
    server.script("gpt-prude", Wire.openAiChat("gpt-prude", "", "content_filter", 10, 0));

    StepResult result =
        generateText(Map.of(Step.TEXT_GENERATION, chain(openAi(server, "gpt-prude"), offline())));

    assertThat(result.call().modelId()).isEqualTo("offline/conveyor-text-writer");
    assertThat(result.call().fallbacks())
        .containsExactly("openai/gpt-prude: rejected (content filtered)");
    assertThat(store.readText(result.artifact())).contains("Conveyor");
  }

  @Test
  void should_ask_a_malformed_judge_once_more_then_take_the_next_judge() {
    server.script("gpt-babble", Wire.openAiChat("gpt-babble", "Looks great!", "stop", 5, 5));
    server.script(
        "claude-judge",
        Wire.anthropicMessage(
            "claude-judge", Wire.verdict(true, 0.9, "Ready."), "end_turn", 100, 20));

    QaResult result =
        stub(
                Map.of(
                    Step.TEXT_QA,
                    chain(openAi(server, "gpt-babble"), anthropic(server, "claude-judge"))),
                QaActivities.class)
            .checkText(textQa(PASSING_TEXT));

    assertThat(result.verdict().passed()).isTrue();
    assertThat(result.verdict().score()).isEqualTo(0.9);
    assertThat(result.call().modelId()).isEqualTo("anthropic/claude-judge");
    assertThat(result.call().fallbacks())
        .containsExactly("openai/gpt-babble: 2 unusable answers (the answer is not JSON)");
    assertThat(server.requestsFor("gpt-babble")).hasSize(2);
    // The two unusable answers were billed: (5 + 5 x 2) / 1e6 USD each, carried to the verdict.
    assertThat(result.call().failedCostUsd()).isEqualByComparingTo("0.00003");
    assertThat(result.call().totalCostUsd())
        .isEqualByComparingTo(result.call().costUsd().add(new BigDecimal("0.00003")));
    // Anthropic gets no response format; its answer is parsed strictly.
    assertThat(server.requestsFor("claude-judge").get(0).body().has("output_format")).isFalse();
  }

  @Test
  void should_run_the_cheap_checks_before_any_paid_judge() {
    server.script("claude-judge", Wire.error(500));

    QaResult result =
        stub(Map.of(Step.TEXT_QA, anthropic(server, "claude-judge")), QaActivities.class)
            .checkText(textQa("Too short."));

    assertThat(result.verdict().passed()).isFalse();
    assertThat(result.call().modelId()).isEqualTo("offline/conveyor-text-checks");
    assertThat(server.requests()).isEmpty();
  }

  @Test
  void should_send_the_image_to_an_anthropic_vision_judge() {
    server.script(
        "claude-eyes",
        Wire.anthropicMessage(
            "claude-eyes", Wire.verdict(false, 0.4, "Warmer light."), "end_turn", 900, 30));

    QaResult result =
        stub(Map.of(Step.VISION_QA, anthropic(server, "claude-eyes")), QaActivities.class)
            .checkImage(imageQa());

    assertThat(result.verdict().passed()).isFalse();
    assertThat(result.verdict().feedback()).isEqualTo("Warmer light.");
    JsonNode content =
        server.requestsFor("claude-eyes").get(0).body().path("messages").get(0).path("content");
    assertThat(content.toString()).contains("A lighthouse at dawn.", "- warm light");
    JsonNode image = findByType(content, "image");
    assertThat(image.at("/source/type").asText()).isEqualTo("base64");
    assertThat(image.at("/source/media_type").asText()).isEqualTo("image/png");
    assertThat(image.at("/source/data").asText())
        .isEqualTo(Base64.getEncoder().encodeToString(png));
  }

  @Test
  void should_send_the_image_to_a_gemini_vision_judge_with_the_verdict_schema() {
    server.script(
        "gemini-eyes",
        Wire.geminiText("gemini-eyes", Wire.verdict(true, 0.8, "Fine."), "STOP", 700, 25));

    QaResult result =
        stub(Map.of(Step.VISION_QA, gemini(server, "gemini-eyes")), QaActivities.class)
            .checkImage(imageQa());

    assertThat(result.verdict().passed()).isTrue();
    assertThat(result.call().modelId()).isEqualTo("gemini/gemini-eyes");
    JsonNode body = server.requestsFor("gemini-eyes").get(0).body();
    assertThat(body.toString()).contains(Base64.getEncoder().encodeToString(png));
    assertThat(body.at("/generationConfig/responseMimeType").asText())
        .isEqualTo("application/json");
    assertThat(body.at("/generationConfig/responseSchema").toString())
        .contains("passed", "score", "issues", "feedback");
  }

  @Test
  void should_store_an_image_gemini_answered_as_inline_data() {
    server.script("gemini-painter", Wire.geminiImage(png, 40, 1_290));

    StepResult result =
        stub(
                Map.of(Step.IMAGE_GENERATION, gemini(server, "gemini-painter")),
                GenerationActivities.class)
            .generateImage(imageRequest());

    assertThat(store.read(result.artifact())).isEqualTo(png);
    assertThat(result.artifact().contentType()).isEqualTo("image/png");
    assertThat(result.call().modelId()).isEqualTo("gemini/gemini-painter");
    assertThat(result.call().outputTokens()).isEqualTo(1_290);
    assertThat(server.requestsFor("gemini-painter").get(0).body().toString())
        .contains("A lighthouse at dawn.");
  }

  @Test
  void should_fall_back_from_a_refused_gemini_painter_to_an_openai_url_image() {
    String url = server.file("/files/picture.png", "image/png", png);
    server.script("gemini-painter", Wire.error(403));
    server.script("dall-url", Wire.openAiImageUrl(url));

    StepResult result =
        stub(
                Map.of(
                    Step.IMAGE_GENERATION,
                    chain(gemini(server, "gemini-painter"), openAi(server, "dall-url"))),
                GenerationActivities.class)
            .generateImage(imageRequest());

    assertThat(store.read(result.artifact())).isEqualTo(png);
    assertThat(result.call().modelId()).isEqualTo("openai/dall-url");
    assertThat(result.call().fallbacks())
        .containsExactly("gemini/gemini-painter: rejected (403 authentication)");
    assertThat(server.requests())
        .extracting(ScriptedServer.Recorded::path)
        .containsExactly(
            "/v1beta/models/gemini-painter:generateContent",
            "/v1/images/generations",
            "/files/picture.png");
  }

  @Test
  void should_store_an_openai_image_answered_as_base64() {
    server.script("dall-b64", Wire.openAiImageBase64(png));

    StepResult result =
        stub(Map.of(Step.IMAGE_GENERATION, openAi(server, "dall-b64")), GenerationActivities.class)
            .generateImage(imageRequest());

    assertThat(store.read(result.artifact())).isEqualTo(png);
    assertThat(result.call().costUsd()).isEqualByComparingTo("0.04");
  }

  private StepResult generateText(Map<Step, ModelSettings> settings) {
    return stub(settings, GenerationActivities.class)
        .generateText(
            new GenerationRequest(
                store.putText("### Task\nAnnounce Conveyor."),
                store.putText(REQUIREMENTS),
                null,
                0,
                1));
  }

  private <T> T stub(Map<Step, ModelSettings> settings, Class<T> activities) {
    ModelCatalog catalog =
        ModelCatalog.create(new EnumMap<>(settings), OfflineSettings.defaults(), Models.KEYS);
    env = TestActivityEnvironment.newInstance();
    env.registerActivitiesImplementations(
        new PromptActivitiesImpl(store, catalog),
        new GenerationActivitiesImpl(store, catalog),
        new QaActivitiesImpl(store, catalog, OfflineSettings.defaults()));
    return env.newActivityStub(activities, OPTIONS);
  }

  private QaRequest textQa(String output) {
    return new QaRequest(
        store.putText(output),
        store.putText(REQUIREMENTS),
        List.of("Address engineering managers"),
        0,
        1);
  }

  private QaRequest imageQa() {
    ArtifactRef image = store.put(png, "image/png");
    return new QaRequest(
        image, store.putText("A lighthouse at dawn."), List.of("warm light"), 0, 1);
  }

  private GenerationRequest imageRequest() {
    return new GenerationRequest(
        store.putText("A lighthouse at dawn."), store.putText("Draw a lighthouse."), null, 0, 1);
  }

  private static JsonNode findByType(JsonNode content, String type) {
    for (JsonNode part : content) {
      if (type.equals(part.path("type").asText())) {
        return part;
      }
    }
    throw new AssertionError("no " + type + " part in " + content);
  }

  private static void assertRetryable(
      ThrowingCallable call, String type, Consumer<ApplicationFailure> more) {
    assertThatThrownBy(call)
        .isInstanceOf(ActivityFailure.class)
        .cause()
        .isInstanceOfSatisfying(
            ApplicationFailure.class,
            failure -> {
              assertThat(failure.getType()).isEqualTo(type);
              assertThat(failure.isNonRetryable()).isFalse();
              more.accept(failure);
            });
  }
}
