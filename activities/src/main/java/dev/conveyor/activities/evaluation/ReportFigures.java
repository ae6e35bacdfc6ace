package dev.conveyor.activities.evaluation;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** How the report writes its figures, the same in Markdown and HTML. */
final class ReportFigures {

  /** The column heads of the profile table. */
  static final List<String> PROFILE_COLUMNS =
      List.of(
          "profile",
          "cases",
          "QA pass, 1st attempt",
          "QA pass, within attempts",
          "mean score",
          "attempts per case",
          "cost per case (USD)",
          "total cost (USD)",
          "fallbacks",
          "QA precision",
          "QA recall");

  /** The column heads of the case table. */
  static final List<String> CASE_COLUMNS =
      List.of("case", "profile", "job", "state", "expected", "attempts", "scores", "cost (USD)");

  /** The column heads of the latency table. */
  static final List<String> LATENCY_COLUMNS = List.of("profile", "step", "p50", "p95", "calls");

  private ReportFigures() {}

  /** Returns the latency table's rows: each profile's steps, in the order of the columns. */
  static List<List<String>> latencyRows(EvaluationReport report) {
    List<List<String>> rows = new ArrayList<>();
    report
        .profiles()
        .forEach(
            s ->
                s.latencyMs()
                    .forEach(
                        (step, p) ->
                            rows.add(
                                List.of(
                                    s.profile(),
                                    step.name(),
                                    String.valueOf(p.p50()),
                                    String.valueOf(p.p95()),
                                    String.valueOf(p.calls())))));
    return rows;
  }

  /** Returns a profile's row, in the order of {@link #PROFILE_COLUMNS}. */
  static List<String> profileRow(ProfileSummary s) {
    return List.of(
        s.profile(),
        String.valueOf(s.cases()),
        percent(s.firstAttemptPassRate()),
        percent(s.passRate()),
        String.format(Locale.ROOT, "%.2f", s.meanScore()),
        String.format(Locale.ROOT, "%.2f", s.meanAttempts()),
        s.costPerCaseUsd().toPlainString(),
        s.totalCostUsd().toPlainString(),
        String.valueOf(s.fallbacks()),
        s.qaPrecision() == null ? "n/a" : percent(s.qaPrecision()),
        s.qaRecall() == null ? "n/a" : percent(s.qaRecall()));
  }

  /** Returns a case's row, in the order of {@link #CASE_COLUMNS}. */
  static List<String> caseRow(CaseResult c) {
    return List.of(
        String.valueOf(c.caseNumber()),
        c.profile(),
        c.jobId(),
        String.valueOf(c.state()),
        c.expected() == null ? "" : c.expected().label(),
        String.valueOf(c.attempts()),
        c.scores().stream()
            .map(score -> String.format(Locale.ROOT, "%.2f", score))
            .collect(Collectors.joining(" ")),
        c.costUsd().stripTrailingZeros().toPlainString());
  }

  /** Returns the label of a histogram bin, e.g. {@code 0.7-0.8}. */
  static String bin(int index) {
    return String.format(
        Locale.ROOT,
        "%.1f-%.1f",
        index / (double) EvaluationReports.BINS,
        (index + 1) / (double) EvaluationReports.BINS);
  }

  static String percent(double value) {
    return String.format(Locale.ROOT, "%.1f%%", value);
  }
}
