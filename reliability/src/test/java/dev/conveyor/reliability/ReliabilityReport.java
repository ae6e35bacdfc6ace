package dev.conveyor.reliability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The suite's table: one row per scenario, printed at the end and written as Markdown. */
final class ReliabilityReport {

  /**
   * One scenario's figures.
   *
   * @param scenario what was done
   * @param jobs jobs that took part
   * @param faults faults injected: kills, restarts, model faults, malformed requests
   * @param asExpected jobs (or requests) that finished as expected
   * @param lost jobs that did not finish as expected, or decisions lost
   * @param duplicated jobs or decisions counted or applied more than once
   * @param duration how long the scenario took
   */
  record Row(
      String scenario,
      int jobs,
      int faults,
      int asExpected,
      int lost,
      int duplicated,
      Duration duration) {}

  private final List<Row> rows = new ArrayList<>();
  private final List<String> notes = new ArrayList<>();
  private String catalogue = "";

  synchronized void add(Row row) {
    rows.add(row);
  }

  synchronized void note(String note) {
    notes.add(note);
  }

  /** Sets the bad-input catalogue's answers, as Markdown table rows (request, status, message). */
  synchronized void catalogue(String rows) {
    catalogue = rows;
  }

  synchronized List<Row> rows() {
    return List.copyOf(rows);
  }

  /** Returns the table as Markdown, with a total line and the notes below it. */
  synchronized String markdown(Scale scale, Duration total) {
    StringBuilder out = new StringBuilder();
    out.append("| scenario | jobs | faults injected | finished as expected | lost | duplicated |")
        .append(" seconds |\n");
    out.append("| --- | ---: | ---: | ---: | ---: | ---: | ---: |\n");
    for (Row row : rows) {
      out.append(
          String.format(
              "| %s | %d | %d | %d | %d | %d | %d |%n",
              row.scenario(),
              row.jobs(),
              row.faults(),
              row.asExpected(),
              row.lost(),
              row.duplicated(),
              row.duration().toSeconds()));
    }
    out.append(
        String.format(
            "%nScale `%s`; the whole suite took %d s. Lost: %d, duplicated: %d.%n",
            scale.name(),
            total.toSeconds(),
            rows.stream().mapToInt(Row::lost).sum(),
            rows.stream().mapToInt(Row::duplicated).sum()));
    for (String note : notes) {
      out.append("\n- ").append(note);
    }
    if (!notes.isEmpty()) {
      out.append('\n');
    }
    if (!catalogue.isEmpty()) {
      out.append("\nBad input, each request and its answer:\n\n| request | status | message |\n")
          .append("| --- | --- | --- |\n")
          .append(catalogue);
    }
    return out.toString();
  }

  void write(Path file, String markdown) {
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      Files.writeString(file, "# Reliability suite\n\n" + markdown);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
