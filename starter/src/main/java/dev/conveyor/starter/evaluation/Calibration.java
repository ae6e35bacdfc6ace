package dev.conveyor.starter.evaluation;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/**
 * How QA's score agrees with reviewers: for each threshold of {@code BELOW_SCORE} (outputs scoring
 * under it go to a human), how many of the reviewed outputs a human would have seen, and how many
 * of the outputs reviewers rejected the judge would have sent them (caught). An output QA never
 * scored counts as seen.
 *
 * @param reviewed how many outputs reviewers decided on
 * @param rejected how many they rejected
 * @param thresholds one row per threshold, 0.0 to 1.0 in tenths
 */
public record Calibration(int reviewed, int rejected, List<Row> thresholds) {

  /**
   * One threshold.
   *
   * @param threshold the {@code scoreThreshold}
   * @param seen outputs a human would have seen: those scoring under the threshold
   * @param caught rejected outputs among them
   * @param seenPercent seen, in percent of the reviewed outputs
   * @param caughtPercent caught, in percent of the rejected outputs
   */
  public record Row(
      double threshold, int seen, int caught, double seenPercent, double caughtPercent) {}

  /** Returns the calibration of the reviewed outputs. */
  public static Calibration of(List<ReviewedOutput> outputs) {
    int rejected = (int) outputs.stream().filter(o -> !o.approved()).count();
    List<Row> rows = new ArrayList<>();
    IntStream.rangeClosed(0, 10)
        .mapToDouble(tenth -> tenth / 10.0)
        .forEach(
            threshold -> {
              List<ReviewedOutput> seen =
                  outputs.stream()
                      .filter(o -> o.qaScore() == null || o.qaScore() < threshold)
                      .toList();
              int caught = (int) seen.stream().filter(o -> !o.approved()).count();
              rows.add(
                  new Row(
                      threshold,
                      seen.size(),
                      caught,
                      percent(seen.size(), outputs.size()),
                      percent(caught, rejected)));
            });
    return new Calibration(outputs.size(), rejected, List.copyOf(rows));
  }

  private static double percent(int part, int whole) {
    return whole == 0 ? 0 : Math.round(1000.0 * part / whole) / 10.0;
  }
}
