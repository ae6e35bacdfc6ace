package dev.conveyor.activities.evaluation;

import dev.conveyor.workflow.evaluation.ExpectedOutcome;
import dev.conveyor.workflow.model.Step;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Computes an evaluation's report from its case results: the figures of each profile and the
 * verdict, the cheapest profile (by cost per case) whose first-attempt pass rate is within the
 * margin of the best one's.
 */
public final class EvaluationReports {

  /** How many bins the score histogram has: tenths of 0..1. */
  public static final int BINS = 10;

  private EvaluationReports() {}

  /** Returns the report of the results, profile by profile in the order given. */
  public static EvaluationReport compute(
      String evaluationId, double marginPoints, List<String> profiles, List<CaseResult> results) {
    List<ProfileSummary> summaries = new ArrayList<>();
    for (String profile : profiles) {
      summaries.add(
          summarize(profile, results.stream().filter(r -> r.profile().equals(profile)).toList()));
    }
    ProfileSummary chosen = verdict(summaries, marginPoints);
    String verdict =
        chosen == null
            ? "no verdict: no case ran"
            : String.format(
                Locale.ROOT,
                "%s: the cheapest profile (%s USD a case) within %.1f points of the best"
                    + " first-attempt pass rate (%.1f%%)",
                chosen.profile(),
                chosen.costPerCaseUsd().toPlainString(),
                marginPoints,
                best(summaries));
    return new EvaluationReport(
        evaluationId,
        marginPoints,
        List.copyOf(summaries),
        chosen == null ? null : chosen.profile(),
        verdict,
        List.copyOf(results));
  }

  /** Returns the profile of the verdict, null when no profile ran a case. */
  static ProfileSummary verdict(List<ProfileSummary> summaries, double marginPoints) {
    double best = best(summaries);
    return summaries.stream()
        .filter(s -> s.cases() > 0 && s.firstAttemptPassRate() >= best - marginPoints - 1e-9)
        .min(
            Comparator.comparing(ProfileSummary::costPerCaseUsd)
                .thenComparing(ProfileSummary::firstAttemptPassRate, Comparator.reverseOrder()))
        .orElse(null);
  }

  private static double best(List<ProfileSummary> summaries) {
    return summaries.stream()
        .filter(s -> s.cases() > 0)
        .mapToDouble(ProfileSummary::firstAttemptPassRate)
        .max()
        .orElse(0);
  }

  static ProfileSummary summarize(String profile, List<CaseResult> results) {
    int cases = results.size();
    List<Double> firstScores =
        results.stream().map(CaseResult::firstScore).filter(s -> s != null).toList();
    List<Integer> histogram = new ArrayList<>(Collections.nCopies(BINS, 0));
    firstScores.forEach(score -> histogram.set(bin(score), histogram.get(bin(score)) + 1));
    BigDecimal total =
        results.stream().map(CaseResult::costUsd).reduce(BigDecimal.ZERO, BigDecimal::add);
    Map<Step, List<Long>> latencies = new EnumMap<>(Step.class);
    results.forEach(
        r ->
            r.latenciesMs()
                .forEach(
                    (step, values) ->
                        latencies.computeIfAbsent(step, s -> new ArrayList<>()).addAll(values)));
    Map<Step, ProfileSummary.Percentiles> percentiles = new EnumMap<>(Step.class);
    latencies.forEach(
        (step, values) ->
            percentiles.put(
                step,
                new ProfileSummary.Percentiles(
                    percentile(values, 50), percentile(values, 95), values.size())));
    List<CaseResult> labelled = results.stream().filter(r -> r.expected() != null).toList();
    long qaFailed = labelled.stream().filter(r -> r.attempts() > 0 && !r.passedFirst()).count();
    long labelledFail = labelled.stream().filter(r -> r.expected() == ExpectedOutcome.FAIL).count();
    long caught =
        labelled.stream()
            .filter(r -> r.expected() == ExpectedOutcome.FAIL)
            .filter(r -> r.attempts() > 0 && !r.passedFirst())
            .count();
    return new ProfileSummary(
        profile,
        cases,
        percent(results.stream().filter(CaseResult::passedFirst).count(), cases),
        percent(results.stream().filter(CaseResult::passedWithin).count(), cases),
        firstScores.stream().mapToDouble(Double::doubleValue).average().orElse(0),
        List.copyOf(histogram),
        results.stream().mapToInt(CaseResult::attempts).average().orElse(0),
        cases == 0
            ? BigDecimal.ZERO
            : total.divide(BigDecimal.valueOf(cases), 6, RoundingMode.HALF_UP).stripTrailingZeros(),
        total.stripTrailingZeros(),
        percentiles,
        results.stream().mapToInt(CaseResult::fallbacks).sum(),
        labelled.size(),
        qaFailed == 0 ? null : percent(caught, qaFailed),
        labelledFail == 0 ? null : percent(caught, labelledFail));
  }

  /** Returns the bin of a score: tenths of 0..1, with 1 in the last. */
  static int bin(double score) {
    return Math.min(BINS - 1, Math.max(0, (int) Math.floor(score * BINS)));
  }

  /**
   * Returns the nearest-rank percentile of the values: the smallest value at or above p percent.
   */
  static long percentile(List<Long> values, int p) {
    if (values.isEmpty()) {
      return 0;
    }
    List<Long> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    int rank = (int) Math.ceil(p / 100.0 * sorted.size());
    return sorted.get(Math.max(0, rank - 1));
  }

  private static double percent(long part, long whole) {
    return whole == 0 ? 0 : 100.0 * part / whole;
  }
}
