package dev.conveyor.activities.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.conveyor.activities.offline.OfflineImageModel;
import dev.conveyor.activities.offline.OfflinePromptWriter;
import dev.conveyor.activities.offline.OfflineSettings;
import dev.conveyor.activities.offline.OfflineTextWriter;
import dev.conveyor.workflow.model.Step;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.model.openai.OpenAiImageModel;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class ModelCatalogTests {

  static final Function<String, String> NO_ENVIRONMENT = name -> null;

  @Test
  void should_serve_every_step_offline_when_nothing_is_configured() {
    ModelCatalog catalog =
        ModelCatalog.create(Map.of(), OfflineSettings.defaults(), NO_ENVIRONMENT);

    assertThat(catalog.describeAll())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                Step.PROMPT, "offline/conveyor-prompt-writer",
                Step.TEXT_GENERATION, "offline/conveyor-text-writer",
                Step.IMAGE_GENERATION, "offline/conveyor-painter",
                Step.TEXT_QA, "offline/conveyor-text-checks",
                Step.VISION_QA, "offline/conveyor-image-checks"));
    assertThat(catalog.chatModel(Step.PROMPT)).isInstanceOf(OfflinePromptWriter.class);
    assertThat(catalog.chatModel(Step.TEXT_GENERATION)).isInstanceOf(OfflineTextWriter.class);
    assertThat(catalog.imageModel(Step.IMAGE_GENERATION)).isInstanceOf(OfflineImageModel.class);
    assertThat(catalog.settings(Step.TEXT_QA).timeout()).isEqualTo(Duration.ofSeconds(60));
  }

  @Test
  void should_build_openai_clients_for_the_configured_steps() {
    ModelCatalog catalog =
        ModelCatalog.create(
            Map.of(
                Step.TEXT_GENERATION,
                settings("openai", "gpt-4o-mini", null, null),
                Step.IMAGE_GENERATION,
                settings("OpenAI", "gpt-image-1", null, null),
                Step.TEXT_QA,
                settings("openai", "llama3.2", "http://localhost:11434/v1", null)),
            OfflineSettings.defaults(),
            Map.of("OPENAI_API_KEY", "sk-test")::get);

    assertThat(catalog.chatModel(Step.TEXT_GENERATION)).isInstanceOf(OpenAiChatModel.class);
    assertThat(catalog.imageModel(Step.IMAGE_GENERATION)).isInstanceOf(OpenAiImageModel.class);
    assertThat(catalog.chatModel(Step.TEXT_QA)).isInstanceOf(OpenAiChatModel.class);
    assertThat(catalog.describe(Step.IMAGE_GENERATION)).isEqualTo("openai/gpt-image-1");
    assertThat(catalog.settings(Step.TEXT_GENERATION).apiKeyEnv()).isEqualTo("OPENAI_API_KEY");
    assertThat(catalog.settings(Step.TEXT_QA).apiKeyEnv()).isNull();
    assertThat(catalog.describe(Step.PROMPT)).isEqualTo("offline/conveyor-prompt-writer");
  }

  @Test
  void should_refuse_an_unknown_provider_in_one_line() {
    assertThatThrownBy(
            () ->
                ModelCatalog.create(
                    Map.of(Step.TEXT_GENERATION, settings("foo", "bar", null, null)),
                    OfflineSettings.defaults(),
                    NO_ENVIRONMENT))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "conveyor.models.text-generation: provider 'foo' is unknown (known: offline, openai,"
                + " anthropic, gemini)");
  }

  @Test
  void should_name_the_api_key_variable_that_is_not_set() {
    assertThatThrownBy(
            () ->
                ModelCatalog.create(
                    Map.of(Step.VISION_QA, settings("openai", "gpt-4o", null, null)),
                    OfflineSettings.defaults(),
                    NO_ENVIRONMENT))
        .hasMessage(
            "conveyor.models.vision-qa: API key environment variable OPENAI_API_KEY is not set");
    assertThatThrownBy(
            () ->
                ModelCatalog.create(
                    Map.of(
                        Step.PROMPT, settings("openai", "m", "https://llm.example/v1", "MY_KEY")),
                    OfflineSettings.defaults(),
                    Map.of("MY_KEY", "  ")::get))
        .hasMessage("conveyor.models.prompt: API key environment variable MY_KEY is not set");
  }

  @Test
  void should_report_other_mistakes_in_one_line_each() {
    assertThat(problem(Step.PROMPT, settings("openai", null, "http://h/v1", null)))
        .isEqualTo("conveyor.models.prompt: model is required for provider 'openai'");
    assertThat(problem(Step.PROMPT, settings("openai", "m", "localhost:11434", null)))
        .isEqualTo(
            "conveyor.models.prompt: base-url 'localhost:11434' is not an http or https URL");
    assertThat(problem(Step.TEXT_QA, settings("offline", "gpt-4o", null, null)))
        .isEqualTo(
            "conveyor.models.text-qa: model 'gpt-4o' is not an offline model for this step (the"
                + " offline model is conveyor-text-checks)");
    assertThat(
            problem(
                Step.PROMPT,
                new ModelSettings(
                    "openai",
                    "m",
                    "http://h/v1",
                    null,
                    Duration.ZERO,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null)))
        .isEqualTo("conveyor.models.prompt: timeout must be positive, was PT0S");
    assertThat(
            problem(
                Step.PROMPT,
                new ModelSettings(
                    "openai",
                    "m",
                    "http://h/v1",
                    null,
                    null,
                    3.0,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null)))
        .isEqualTo("conveyor.models.prompt: temperature must be between 0 and 2, was 3.0");
    assertThat(
            problem(
                Step.PROMPT,
                new ModelSettings(
                    "openai",
                    "m",
                    "http://h/v1",
                    null,
                    null,
                    null,
                    null,
                    new BigDecimal("-1"),
                    null,
                    null,
                    null,
                    null)))
        .isEqualTo("conveyor.models.prompt: input-usd-per-million must not be negative");
  }

  @Test
  void should_build_a_chain_of_every_provider_and_name_a_bad_fallback() {
    ModelSettings chain =
        settings("openai", "gpt-4o", null, null)
            .withFallbacks(
                java.util.List.of(
                    settings("anthropic", "claude-sonnet-4-5", null, null),
                    settings("gemini", "gemini-2.5-flash", null, null),
                    settings("offline", null, null, null)));
    ModelCatalog catalog =
        ModelCatalog.create(
            Map.of(Step.TEXT_GENERATION, chain),
            OfflineSettings.defaults(),
            name -> "key-of-" + name);

    assertThat(catalog.chain(Step.TEXT_GENERATION))
        .extracting(ModelRoute::modelId)
        .containsExactly(
            "openai/gpt-4o",
            "anthropic/claude-sonnet-4-5",
            "gemini/gemini-2.5-flash",
            "offline/conveyor-text-writer");
    assertThat(catalog.chain(Step.TEXT_GENERATION).get(1).chat())
        .isInstanceOf(dev.langchain4j.model.anthropic.AnthropicChatModel.class);
    assertThat(catalog.chain(Step.TEXT_GENERATION).get(2).chat())
        .isInstanceOf(dev.langchain4j.model.googleai.GoogleAiGeminiChatModel.class);
    assertThat(
            problem(
                Step.TEXT_GENERATION,
                settings("offline", null, null, null)
                    .withFallbacks(java.util.List.of(settings("anthropic", "claude", null, null)))))
        .isEqualTo(
            "conveyor.models.text-generation.fallbacks[0]: API key environment variable"
                + " ANTHROPIC_API_KEY is not set");
    assertThat(
            problem(
                Step.IMAGE_GENERATION,
                settings("offline", null, null, null)
                    .withFallbacks(
                        java.util.List.of(
                            settings("offline", null, null, null),
                            settings("anthropic", "claude", null, "K")))))
        .isEqualTo(
            "conveyor.models.image-generation.fallbacks[1]: provider 'anthropic' cannot generate"
                + " images (use offline, openai or gemini)");
  }

  @Test
  void should_refuse_to_route_a_step_to_the_wrong_kind_of_model() {
    ModelCatalog catalog =
        ModelCatalog.create(Map.of(), OfflineSettings.defaults(), NO_ENVIRONMENT);

    assertThatThrownBy(() -> catalog.chatModel(Step.IMAGE_GENERATION))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> catalog.chatModel(Step.TEXT_QA))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> catalog.imageModel(Step.PROMPT))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void should_price_tokens_per_million_and_images_per_image() {
    ModelSettings priced =
        new ModelSettings(
            "openai",
            "m",
            null,
            null,
            null,
            null,
            null,
            new BigDecimal("2.50"),
            new BigDecimal("10"),
            new BigDecimal("0.04"),
            null,
            null);

    assertThat(priced.costUsd(1_000, 500, 0)).isEqualByComparingTo("0.0075");
    assertThat(priced.costUsd(0, 0, 2)).isEqualByComparingTo("0.08");
    assertThat(priced.costUsd(0, 0, 0)).isEqualByComparingTo("0");
    assertThat(ModelSettings.offline(null).costUsd(1_000_000, 1_000_000, 1)).isZero();
  }

  private static String problem(Step step, ModelSettings settings) {
    try {
      ModelCatalog.create(Map.of(step, settings), OfflineSettings.defaults(), NO_ENVIRONMENT);
      return null;
    } catch (IllegalArgumentException e) {
      assertThat(e.getMessage()).doesNotContain("\n");
      return e.getMessage();
    }
  }

  private static ModelSettings settings(
      String provider, String model, String baseUrl, String keyEnv) {
    return new ModelSettings(
        provider, model, baseUrl, keyEnv, null, null, null, null, null, null, null, null);
  }
}
