package dev.conveyor.activities.evaluation;

import java.util.List;

/**
 * Writes a report as one self-contained HTML page: the verdict, the tables and the plots as inline
 * SVG. It loads nothing from anywhere, so it opens offline and from the artifact store as it is.
 */
public final class ReportHtml {

  private ReportHtml() {}

  /** Returns the report as an HTML page. */
  public static String render(EvaluationReport report) {
    StringBuilder html = new StringBuilder();
    html.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
        .append("<title>Evaluation ")
        .append(escape(report.evaluationId()))
        .append("</title><style>")
        .append("body{font-family:system-ui,sans-serif;margin:2rem;max-width:70rem}")
        .append("table{border-collapse:collapse;margin:1rem 0}")
        .append("th,td{border:1px solid #ccc;padding:.3rem .6rem;text-align:left}")
        .append(".verdict{font-size:1.2rem;background:#eef6ee;padding:.8rem}")
        .append(".plots{display:flex;flex-wrap:wrap;gap:1rem}")
        .append("</style></head><body>\n");
    html.append("<h1>Evaluation ").append(escape(report.evaluationId())).append("</h1>\n");
    html.append("<p class=\"verdict\" id=\"verdict\">")
        .append(escape(report.verdict()))
        .append("</p>\n<h2>Profiles</h2>\n");
    table(
        html,
        ReportFigures.PROFILE_COLUMNS,
        report.profiles().stream().map(ReportFigures::profileRow).toList());
    html.append("<h2>Cost against quality</h2>\n<div class=\"plots\">")
        .append(ReportPlots.costAgainstPassRate(report.profiles()))
        .append("</div>\n<h2>First-attempt scores</h2>\n<div class=\"plots\">");
    for (int i = 0; i < report.profiles().size(); i++) {
      html.append(ReportPlots.scoreHistogram(report.profiles().get(i), i));
    }
    html.append("</div>\n<h2>Latency per step (ms)</h2>\n");
    table(html, ReportFigures.LATENCY_COLUMNS, ReportFigures.latencyRows(report));
    html.append("<h2>Cases</h2>\n");
    table(
        html,
        ReportFigures.CASE_COLUMNS,
        report.cases().stream().map(ReportFigures::caseRow).toList());
    return html.append("</body></html>\n").toString();
  }

  private static void table(StringBuilder html, List<String> head, List<List<String>> rows) {
    html.append("<table><tr>");
    head.forEach(h -> html.append("<th>").append(escape(h)).append("</th>"));
    html.append("</tr>");
    rows.forEach(row -> cells(html, row));
    html.append("</table>\n");
  }

  private static void cells(StringBuilder html, List<String> row) {
    html.append("<tr>");
    row.forEach(cell -> html.append("<td>").append(escape(cell)).append("</td>"));
    html.append("</tr>");
  }

  /** Escapes text for HTML and SVG. */
  static String escape(String text) {
    if (text == null) {
      return "";
    }
    return text.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;")
        .replace("'", "&#39;");
  }
}
