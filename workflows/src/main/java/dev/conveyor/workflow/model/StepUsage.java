package dev.conveyor.workflow.model;

import java.math.BigDecimal;

/**
 * What a job's calls of one step (or of all steps) used.
 *
 * @param calls how many calls served
 * @param inputTokens input tokens
 * @param outputTokens output tokens
 * @param images images generated
 * @param costUsd cost in US dollars
 */
public record StepUsage(
    int calls, long inputTokens, long outputTokens, int images, BigDecimal costUsd) {

  /** Nothing used yet. */
  public static final StepUsage NONE = new StepUsage(0, 0, 0, 0, BigDecimal.ZERO);

  public StepUsage {
    costUsd = costUsd == null ? BigDecimal.ZERO : costUsd;
  }

  /** Returns this usage plus one call. */
  public StepUsage plus(ModelCall call) {
    return new StepUsage(
        calls + 1,
        inputTokens + call.inputTokens(),
        outputTokens + call.outputTokens(),
        images + call.images(),
        costUsd.add(call.totalCostUsd()));
  }
}
