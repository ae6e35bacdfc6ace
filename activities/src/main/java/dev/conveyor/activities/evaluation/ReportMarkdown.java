package dev.conveyor.activities.evaluation;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/** Writes a report as Markdown: the verdict, the profile table, latencies, scores and cases. */
public final class ReportMarkdown {

  private ReportMarkdown() {}

  /** Returns the report as Markdown. */
  public static String render(EvaluationReport report) {
    StringBuilder md = new StringBuilder();
    md.append("# Evaluation ").append(report.evaluationId()).append("\n\n");
    md.append("**Verdict:** ").append(report.verdict()).append("\n\n");
    md.append("## Profiles\n\n");
    table(
        md,
        ReportFigures.PROFILE_COLUMNS,
        report.profiles().stream().map(ReportFigures::profileRow).toList());
    md.append("\n## Latency per step (ms)\n\n");
    table(md, ReportFigures.LATENCY_COLUMNS, ReportFigures.latencyRows(report));
    md.append("\n## First-attempt scores\n\n");
    List<String> bins = new ArrayList<>(List.of("profile"));
    IntStream.range(0, EvaluationReports.BINS).forEach(i -> bins.add(ReportFigures.bin(i)));
    List<List<String>> histograms = new ArrayList<>();
    report
        .profiles()
        .forEach(
            s -> {
              List<String> row = new ArrayList<>(List.of(s.profile()));
              s.scoreHistogram().forEach(count -> row.add(String.valueOf(count)));
              histograms.add(row);
            });
    table(md, bins, histograms);
    md.append("\n## Cases\n\n");
    table(
        md,
        ReportFigures.CASE_COLUMNS,
        report.cases().stream().map(ReportFigures::caseRow).toList());
    return md.toString();
  }

  private static void table(StringBuilder md, List<String> head, List<List<String>> rows) {
    row(md, head);
    md.append("|").append(" --- |".repeat(head.size())).append("\n");
    rows.forEach(r -> row(md, r));
  }

  private static void row(StringBuilder md, List<String> cells) {
    md.append("|");
    cells.forEach(cell -> md.append(" ").append(cell.replace("|", "\\|")).append(" |"));
    md.append("\n");
  }
}
