package dev.conveyor.activities.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.conveyor.activities.offline.OfflineSettings;
import dev.conveyor.workflow.model.ModelTier;
import dev.conveyor.workflow.model.Step;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Prices from the table or the model's own settings, and the economy chains of the budget. */
class PriceTableTests {

  static final PriceTable TABLE =
      new PriceTable(
          Map.of(
              "OpenAI/gpt-4o",
              new ModelPrice(new BigDecimal("2.50"), new BigDecimal("10"), null),
              "[openai/gpt-4.1-nano]",
              new ModelPrice(new BigDecimal("0.10"), new BigDecimal("0.40"), null),
              "openai/gpt-image-1",
              new ModelPrice(null, null, new BigDecimal("0.042"))));

  @Test
  void should_price_a_model_from_the_table_when_its_settings_name_no_price() {
    ModelSettings priced = TABLE.price(openAi("gpt-4o", null));

    assertThat(priced.costUsd(1_000, 500, 0)).isEqualByComparingTo("0.0075");
    assertThat(TABLE.price(openAi("gpt-image-1", null)).costUsd(0, 0, 2))
        .isEqualByComparingTo("0.084");
  }

  @Test
  void should_let_the_model_own_price_win_over_the_table() {
    ModelSettings own = openAi("gpt-4o", new BigDecimal("1"));

    assertThat(TABLE.price(own).costUsd(1_000_000, 0, 0)).isEqualByComparingTo("1");
  }

  @Test
  void should_count_a_model_missing_from_the_table_as_free() {
    ModelSettings unknown = TABLE.price(openAi("llama3.1", null));

    assertThat(unknown.costUsd(1_000_000, 1_000_000, 1)).isEqualByComparingTo("0");
    assertThat(TABLE.find("openai/llama3.1")).isNull();
  }

  @Test
  void should_build_economy_chains_from_the_economy_model_then_the_step_fallbacks() {
    ModelSettings writer =
        openAi("gpt-4o", null).withFallbacks(List.of(ModelSettings.offline(null)));
    ModelCatalog catalog =
        ModelCatalog.create(
            Map.of(Step.TEXT_GENERATION, writer),
            Map.of(Step.TEXT_GENERATION, openAi("gpt-4.1-nano", null)),
            TABLE,
            OfflineSettings.defaults(),
            name -> "key");

    assertThat(catalog.chain(Step.TEXT_GENERATION, ModelTier.ECONOMY))
        .extracting(ModelRoute::modelId)
        .containsExactly("openai/gpt-4.1-nano", "offline/conveyor-text-writer");
    assertThat(catalog.chain(Step.TEXT_GENERATION, ModelTier.ECONOMY).get(0).settings().price())
        .isEqualTo(new ModelPrice(new BigDecimal("0.10"), new BigDecimal("0.40"), null));
    assertThat(catalog.chain(Step.TEXT_GENERATION, ModelTier.STANDARD).get(0).modelId())
        .isEqualTo("openai/gpt-4o");
    assertThat(catalog.chain(Step.TEXT_QA, ModelTier.ECONOMY))
        .extracting(ModelRoute::modelId)
        .containsExactly("offline/conveyor-text-checks");
  }

  @Test
  void should_refuse_an_economy_model_with_fallbacks_of_its_own_naming_the_setting() {
    ModelSettings economy =
        openAi("gpt-4.1-nano", null).withFallbacks(List.of(ModelSettings.offline(null)));

    assertThatThrownBy(
            () ->
                ModelCatalog.create(
                    Map.of(),
                    Map.of(Step.PROMPT, economy),
                    TABLE,
                    OfflineSettings.defaults(),
                    name -> "key"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith(
            "conveyor.budget.economy.prompt: an economy model has no fallbacks");
  }

  private static ModelSettings openAi(String model, BigDecimal inputPrice) {
    return new ModelSettings(
        "openai",
        model,
        null,
        null,
        Duration.ofSeconds(10),
        null,
        null,
        inputPrice,
        null,
        null,
        null,
        null);
  }
}
