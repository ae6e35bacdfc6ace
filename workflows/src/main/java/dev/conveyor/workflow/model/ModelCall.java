package dev.conveyor.workflow.model;

import java.math.BigDecimal;
import java.util.List;

/**
 * One model call as an activity reports it: the call that served the step.
 *
 * @param step the pipeline step
 * @param provider the provider that served the call, for example {@code offline} or {@code openai}
 * @param model the model that served the call
 * @param inputTokens input tokens, 0 when the provider reports none
 * @param outputTokens output tokens, 0 when the provider reports none
 * @param costUsd the call's cost in US dollars
 * @param latencyMs the call's duration
 * @param fallbacks why each model tried before the serving one did not serve, in order: empty when
 *     the step's first model served
 * @param images how many images the call generated
 * @param failedCostUsd what the step's earlier calls that did not serve cost (an answer the step
 *     could not use is billed all the same), 0 when there were none
 */
public record ModelCall(
    Step step,
    String provider,
    String model,
    long inputTokens,
    long outputTokens,
    BigDecimal costUsd,
    long latencyMs,
    List<String> fallbacks,
    int images,
    BigDecimal failedCostUsd) {

  public ModelCall {
    costUsd = costUsd == null ? BigDecimal.ZERO : costUsd;
    fallbacks = fallbacks == null ? List.of() : List.copyOf(fallbacks);
    failedCostUsd = failedCostUsd == null ? BigDecimal.ZERO : failedCostUsd;
  }

  /** Returns a call without images and without failed calls before it. */
  public ModelCall(
      Step step,
      String provider,
      String model,
      long inputTokens,
      long outputTokens,
      BigDecimal costUsd,
      long latencyMs,
      List<String> fallbacks) {
    this(
        step,
        provider,
        model,
        inputTokens,
        outputTokens,
        costUsd,
        latencyMs,
        fallbacks,
        0,
        BigDecimal.ZERO);
  }

  /** Returns a call served by the step's first model. */
  public ModelCall(
      Step step,
      String provider,
      String model,
      long inputTokens,
      long outputTokens,
      BigDecimal costUsd,
      long latencyMs) {
    this(step, provider, model, inputTokens, outputTokens, costUsd, latencyMs, List.of());
  }

  /** Returns {@code provider/model}. */
  public String modelId() {
    return provider + "/" + model;
  }

  /** Returns what the step cost in all: this call and the failed calls before it. */
  public BigDecimal totalCostUsd() {
    return costUsd.add(failedCostUsd);
  }

  /** Returns this call with other fallbacks and failed calls' cost. */
  public ModelCall after(List<String> skipped, BigDecimal failedCost) {
    return new ModelCall(
        step,
        provider,
        model,
        inputTokens,
        outputTokens,
        costUsd,
        latencyMs,
        skipped,
        images,
        failedCost);
  }
}
