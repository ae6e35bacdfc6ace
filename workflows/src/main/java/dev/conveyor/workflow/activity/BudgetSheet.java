package dev.conveyor.workflow.activity;

import dev.conveyor.workflow.model.BudgetPolicy;
import dev.conveyor.workflow.model.ModelTier;
import dev.conveyor.workflow.model.Step;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Map;

/**
 * What the workflow needs to keep a job within its budget, as the worker's configuration says: the
 * price and expected size of a call of each step on each tier, the default budget and the policy.
 * The workflow computes its estimates from this sheet, deterministically.
 *
 * @param steps each step's first model on each tier
 * @param defaultBudgetUsd the budget of a job that names none, null for no limit
 * @param defaultPolicy the policy of a job that names none
 */
public record BudgetSheet(
    Map<Step, Map<ModelTier, CallPrice>> steps,
    BigDecimal defaultBudgetUsd,
    BudgetPolicy defaultPolicy) {

  public BudgetSheet {
    steps = steps == null ? Map.of() : Map.copyOf(steps);
    defaultPolicy = defaultPolicy == null ? BudgetPolicy.SWITCH : defaultPolicy;
  }

  /** Returns the price of a step's call on a tier, null when the sheet does not know it. */
  public CallPrice price(Step step, ModelTier tier) {
    Map<ModelTier, CallPrice> tiers = steps.get(step);
    return tiers == null ? null : tiers.get(tier);
  }

  /**
   * The price of one model and the size of a typical call of a step on it.
   *
   * @param model the model as {@code provider/model}
   * @param inputUsdPerMillion US dollars per million input tokens
   * @param outputUsdPerMillion US dollars per million output tokens
   * @param usdPerImage US dollars per generated image
   * @param inputTokens the input tokens a call of the step is expected to use
   * @param outputTokens the output tokens a call of the step is expected to use
   * @param images the images a call of the step generates
   */
  public record CallPrice(
      String model,
      BigDecimal inputUsdPerMillion,
      BigDecimal outputUsdPerMillion,
      BigDecimal usdPerImage,
      long inputTokens,
      long outputTokens,
      int images) {

    private static final BigDecimal MILLION = BigDecimal.valueOf(1_000_000);

    public CallPrice {
      inputUsdPerMillion = inputUsdPerMillion == null ? BigDecimal.ZERO : inputUsdPerMillion;
      outputUsdPerMillion = outputUsdPerMillion == null ? BigDecimal.ZERO : outputUsdPerMillion;
      usdPerImage = usdPerImage == null ? BigDecimal.ZERO : usdPerImage;
    }

    /** Returns the estimate of one call: expected tokens at the prices, plus the images. */
    public BigDecimal estimateUsd() {
      BigDecimal tokens =
          BigDecimal.valueOf(inputTokens)
              .multiply(inputUsdPerMillion)
              .add(BigDecimal.valueOf(outputTokens).multiply(outputUsdPerMillion))
              .divide(MILLION, 10, RoundingMode.HALF_UP);
      BigDecimal cost = tokens.add(BigDecimal.valueOf(images).multiply(usdPerImage));
      return cost.signum() == 0 ? BigDecimal.ZERO : cost.stripTrailingZeros();
    }
  }
}
