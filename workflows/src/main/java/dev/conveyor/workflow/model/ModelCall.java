package dev.conveyor.workflow.model;

import java.math.BigDecimal;
import java.util.List;

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
 * @param fallbacks why each model tried before the serving one did not serve, in order: empty when
 *     the step's first model served
 */
public record ModelCall(
    Step step,
    String provider,
    String model,
    long inputTokens,
    long outputTokens,
    BigDecimal costUsd,
    long latencyMs,
    List<String> fallbacks) {

  public ModelCall {
    costUsd = costUsd == null ? BigDecimal.ZERO : costUsd;
    fallbacks = fallbacks == null ? List.of() : List.copyOf(fallbacks);
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
}
