package dev.conveyor.workflow.model;

import java.math.BigDecimal;

/**
 * One model call as an activity reports it.
 *
 * @param step the pipeline step
 * @param provider the provider that served the call, for example {@code offline} or {@code openai}
 * @param model the model that served the call
 * @param inputTokens input tokens, 0 when the provider reports none
 * @param outputTokens output tokens, 0 when the provider reports none
 * @param costUsd the call's cost in US dollars
 * @param latencyMs the call's duration
 */
public record ModelCall(
    Step step,
    String provider,
    String model,
    long inputTokens,
    long outputTokens,
    BigDecimal costUsd,
    long latencyMs) {

  public ModelCall {
    costUsd = costUsd == null ? BigDecimal.ZERO : costUsd;
  }

  /** Returns {@code provider/model}. */
  public String modelId() {
    return provider + "/" + model;
  }
}
