package dev.conveyor.activities.evaluation;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;

/**
 * Draws the report's plots as inline SVG, on the server: no script, no chart library, nothing
 * fetched from elsewhere.
 */
final class ReportPlots {

  private static final int WIDTH = 480;
  private static final int HEIGHT = 300;
  private static final int LEFT = 60;
  private static final int BOTTOM = 40;
  private static final int TOP = 20;
  private static final int RIGHT = 20;
  private static final String[] COLOURS = {
    "#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f"
  };

  private ReportPlots() {}

  /** Returns a scatter plot of each profile's cost per case against its first-attempt pass rate. */
  static String costAgainstPassRate(List<ProfileSummary> profiles) {
    double maxCost =
        profiles.stream()
            .map(ProfileSummary::costPerCaseUsd)
            .max(BigDecimal::compareTo)
            .orElse(BigDecimal.ZERO)
            .doubleValue();
    double xMax = maxCost <= 0 ? 1 : maxCost * 1.2;
    StringBuilder svg = open("cost per case against first-attempt pass rate");
    axes(svg, "cost per case (USD)", "QA pass, 1st attempt (%)");
    tick(svg, 0, "0", true);
    tick(svg, 1, format(xMax), true);
    tick(svg, 0, "0", false);
    tick(svg, 1, "100", false);
    for (int i = 0; i < profiles.size(); i++) {
      ProfileSummary p = profiles.get(i);
      double x = x(p.costPerCaseUsd().doubleValue() / xMax);
      double y = y(p.firstAttemptPassRate() / 100);
      svg.append(
          String.format(
              Locale.ROOT,
              "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"6\" fill=\"%s\"><title>%s</title></circle>"
                  + "<text x=\"%.1f\" y=\"%.1f\" font-size=\"12\">%s</text>",
              x,
              y,
              colour(i),
              ReportHtml.escape(p.profile()),
              x + 9,
              y + 4,
              ReportHtml.escape(p.profile())));
    }
    return svg.append("</svg>").toString();
  }

  /** Returns a histogram of a profile's first-attempt scores, in tenths of 0..1. */
  static String scoreHistogram(ProfileSummary profile, int index) {
    int most = profile.scoreHistogram().stream().mapToInt(Integer::intValue).max().orElse(0);
    StringBuilder svg = open("first-attempt scores of " + profile.profile());
    axes(svg, "QA score", "cases");
    tick(svg, 0, "0", true);
    tick(svg, 1, "1", true);
    tick(svg, 0, "0", false);
    tick(svg, 1, String.valueOf(most), false);
    double slot = (WIDTH - LEFT - RIGHT) / (double) EvaluationReports.BINS;
    for (int bin = 0; bin < EvaluationReports.BINS; bin++) {
      int count = profile.scoreHistogram().get(bin);
      double height = most == 0 ? 0 : (HEIGHT - TOP - BOTTOM) * count / (double) most;
      svg.append(
          String.format(
              Locale.ROOT,
              "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\">"
                  + "<title>%s: %d</title></rect>",
              LEFT + bin * slot + 1,
              HEIGHT - BOTTOM - height,
              slot - 2,
              height,
              colour(index),
              ReportFigures.bin(bin),
              count));
    }
    return svg.append("</svg>").toString();
  }

  private static StringBuilder open(String title) {
    return new StringBuilder()
        .append(
            String.format(
                Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\""
                    + " viewBox=\"0 0 %d %d\" role=\"img\" aria-label=\"%s\"><title>%s</title>",
                WIDTH,
                HEIGHT,
                WIDTH,
                HEIGHT,
                ReportHtml.escape(title),
                ReportHtml.escape(title)));
  }

  private static void axes(StringBuilder svg, String xLabel, String yLabel) {
    svg.append(
        String.format(
            Locale.ROOT,
            "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#333\"/>"
                + "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#333\"/>"
                + "<text x=\"%d\" y=\"%d\" font-size=\"12\" text-anchor=\"middle\">%s</text>"
                + "<text x=\"14\" y=\"%d\" font-size=\"12\" text-anchor=\"middle\""
                + " transform=\"rotate(-90 14 %d)\">%s</text>",
            LEFT,
            HEIGHT - BOTTOM,
            WIDTH - RIGHT,
            HEIGHT - BOTTOM,
            LEFT,
            TOP,
            LEFT,
            HEIGHT - BOTTOM,
            (LEFT + WIDTH - RIGHT) / 2,
            HEIGHT - 8,
            ReportHtml.escape(xLabel),
            (TOP + HEIGHT - BOTTOM) / 2,
            (TOP + HEIGHT - BOTTOM) / 2,
            ReportHtml.escape(yLabel)));
  }

  /** Writes a label at the start (0) or end (1) of the x axis or the y axis. */
  private static void tick(StringBuilder svg, double at, String label, boolean onX) {
    if (onX) {
      svg.append(
          String.format(
              Locale.ROOT,
              "<text x=\"%.1f\" y=\"%d\" font-size=\"11\" text-anchor=\"middle\">%s</text>",
              x(at),
              HEIGHT - BOTTOM + 14,
              ReportHtml.escape(label)));
    } else {
      svg.append(
          String.format(
              Locale.ROOT,
              "<text x=\"%d\" y=\"%.1f\" font-size=\"11\" text-anchor=\"end\">%s</text>",
              LEFT - 4,
              y(at) + 4,
              ReportHtml.escape(label)));
    }
  }

  private static double x(double fraction) {
    return LEFT + fraction * (WIDTH - LEFT - RIGHT);
  }

  private static double y(double fraction) {
    return HEIGHT - BOTTOM - fraction * (HEIGHT - TOP - BOTTOM);
  }

  private static String colour(int index) {
    return COLOURS[index % COLOURS.length];
  }

  private static String format(double value) {
    return new BigDecimal(value)
        .round(new java.math.MathContext(2))
        .stripTrailingZeros()
        .toPlainString();
  }
}
