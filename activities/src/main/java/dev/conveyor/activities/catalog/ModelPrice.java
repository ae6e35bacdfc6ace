package dev.conveyor.activities.catalog;

import java.math.BigDecimal;

/**
 * What a model costs, in US dollars: per million input tokens, per million output tokens, and per
 * generated image. A price left out is zero.
 *
 * @param inputPerMillion US dollars per million input tokens
 * @param outputPerMillion US dollars per million output tokens
 * @param perImage US dollars per generated image
 */
public record ModelPrice(
    BigDecimal inputPerMillion, BigDecimal outputPerMillion, BigDecimal perImage) {

  /** A free model. */
  public static final ModelPrice FREE = new ModelPrice(null, null, null);

  public ModelPrice {
    inputPerMillion = inputPerMillion == null ? BigDecimal.ZERO : inputPerMillion;
    outputPerMillion = outputPerMillion == null ? BigDecimal.ZERO : outputPerMillion;
    perImage = perImage == null ? BigDecimal.ZERO : perImage;
  }
}
