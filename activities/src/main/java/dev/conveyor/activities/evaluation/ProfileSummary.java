package dev.conveyor.activities.evaluation;

import dev.conveyor.workflow.model.Step;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * The figures of one profile over every case.
 *
 * @param profile the routing profile
 * @param cases how many cases it ran
 * @param firstAttemptPassRate the share of cases QA passed at the first attempt, in percent
 * @param passRate the share of cases QA passed within the attempts, in percent
 * @param meanScore the mean of the first attempts' scores
 * @param scoreHistogram how many first-attempt scores fall in each tenth of 0..1 (the last holds 1)
 * @param meanAttempts the mean number of attempts per case
 * @param costPerCaseUsd the mean cost of a case
 * @param totalCostUsd the cost of every case
 * @param latencyMs the 50th and 95th percentile latency of each step's calls, in milliseconds
 * @param fallbacks how many models were skipped in all
 * @param labelled how many cases carry an expected outcome
 * @param qaPrecision of the labelled cases QA failed at the first attempt, the share labelled
 *     {@code fail}, in percent; null when QA failed none
 * @param qaRecall of the cases labelled {@code fail}, the share QA failed at the first attempt, in
 *     percent; null when none is labelled {@code fail}
 */
public record ProfileSummary(
    String profile,
    int cases,
    double firstAttemptPassRate,
    double passRate,
    double meanScore,
    List<Integer> scoreHistogram,
    double meanAttempts,
    BigDecimal costPerCaseUsd,
    BigDecimal totalCostUsd,
    Map<Step, Percentiles> latencyMs,
    int fallbacks,
    int labelled,
    Double qaPrecision,
    Double qaRecall) {

  /**
   * Latency percentiles of one step.
   *
   * @param p50 the median, in milliseconds
   * @param p95 the 95th percentile, in milliseconds
   * @param calls how many calls
   */
  public record Percentiles(long p50, long p95, int calls) {}
}
