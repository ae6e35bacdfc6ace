package dev.conveyor.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one table the benchmark prints: a row per measurement, each with its target and load. Beside
 * the rows it carries named figures, the numbers that the summary of {@link Targets} is computed
 * from, so that a child JVM can hand them to the parent with its rows.
 */
public final class ResultTable {

  /**
   * One measurement.
   *
   * @param id the issue's numbering, for example {@code 1c}
   * @param measurement what was measured
   * @param result the figure
   * @param target the target, or {@code -}
   * @param verdict met, missed, or {@code -} without a target
   * @param load the one-minute load average when the figure was taken
   */
  public record Row(
      String id, String measurement, String result, String target, String verdict, String load) {}

  private static final String[] HEADERS = {"#", "measurement", "result", "target", "met", "load"};

  /**
   * A number a target is computed from.
   *
   * @param value the number
   * @param load the load average when it was measured
   */
  public record Figure(double value, String load) {}

  private static final String ROW_PREFIX = "BENCH-ROW\t";

  private static final String FIGURE_PREFIX = "BENCH-FIGURE\t";

  private final List<Row> rows = new ArrayList<>();
  private final Map<String, Figure> figures = new LinkedHashMap<>();

  /** Adds a row without a target. */
  public void add(String id, String measurement, String result) {
    add(id, measurement, result, "-", "-");
  }

  /** Adds a row with a target and whether it was met. */
  public void add(String id, String measurement, String result, String target, boolean met) {
    add(id, measurement, result, target, met ? "yes" : "NO");
  }

  private void add(String id, String measurement, String result, String target, String verdict) {
    add(new Row(id, measurement, result, target, verdict, Machine.loadAverage()));
  }

  /** Adds a row as it is. */
  void add(Row row) {
    rows.add(row);
  }

  /** Records a named figure for the targets' summary, with the load average now. */
  public void figure(String name, double value) {
    figures.put(name, new Figure(value, Machine.loadAverage()));
  }

  /** Returns the named figures so far. */
  public Map<String, Figure> figures() {
    return Map.copyOf(figures);
  }

  /** Adds a row or a figure a child JVM printed with {@link #serialize}. */
  public void addSerialized(String line) {
    if (line.startsWith(FIGURE_PREFIX)) {
      String[] f = line.substring(FIGURE_PREFIX.length()).split("\t", -1);
      figures.put(f[0], new Figure(Double.parseDouble(f[1]), f[2]));
      return;
    }
    String[] f = line.substring(ROW_PREFIX.length()).split("\t", -1);
    rows.add(new Row(f[0], f[1], f[2], f[3], f[4], f[5]));
  }

  /** Returns whether a line of a child's output is a row or a figure. */
  public static boolean isSerializedRow(String line) {
    return line.startsWith(ROW_PREFIX) || line.startsWith(FIGURE_PREFIX);
  }

  /** Returns the rows as lines a parent JVM reads back with {@link #addSerialized}. */
  public String serialize() {
    StringBuilder out = new StringBuilder();
    for (Row row : rows) {
      out.append(ROW_PREFIX).append(String.join("\t", cells(row))).append('\n');
    }
    figures.forEach(
        (name, figure) ->
            out.append(FIGURE_PREFIX)
                .append(name)
                .append('\t')
                .append(figure.value())
                .append('\t')
                .append(figure.load())
                .append('\n'));
    return out.toString();
  }

  /** Returns the rows so far. */
  public List<Row> rows() {
    return List.copyOf(rows);
  }

  /** Returns the table as Markdown, columns padded so that it also reads as plain text. */
  public String render() {
    int[] widths = new int[HEADERS.length];
    for (int i = 0; i < HEADERS.length; i++) {
      widths[i] = HEADERS[i].length();
    }
    for (Row row : rows) {
      String[] cells = cells(row);
      for (int i = 0; i < cells.length; i++) {
        widths[i] = Math.max(widths[i], cells[i].length());
      }
    }
    StringBuilder out = new StringBuilder();
    line(out, HEADERS, widths);
    String[] rule = new String[HEADERS.length];
    for (int i = 0; i < rule.length; i++) {
      rule[i] = "-".repeat(widths[i]);
    }
    line(out, rule, widths);
    for (Row row : rows) {
      line(out, cells(row), widths);
    }
    return out.toString();
  }

  private static String[] cells(Row row) {
    return new String[] {
      row.id(), row.measurement(), row.result(), row.target(), row.verdict(), row.load()
    };
  }

  private static void line(StringBuilder out, String[] cells, int[] widths) {
    out.append('|');
    for (int i = 0; i < cells.length; i++) {
      String cell = cells[i].replace("|", "/");
      out.append(' ').append(cell).append(" ".repeat(widths[i] - cell.length())).append(" |");
    }
    out.append('\n');
  }
}
