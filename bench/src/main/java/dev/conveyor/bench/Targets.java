package dev.conveyor.bench;

import dev.conveyor.bench.ResultTable.Figure;
import dev.conveyor.bench.ResultTable.Row;
import java.util.Map;
import java.util.OptionalInt;

/**
 * Issue 15's targets, computed from the figures the parts recorded and printed as a block of their
 * own below the table: each ratio beside its target and whether it is met. Printed figures, never
 * timed tests: a loaded machine misses them, the load column says how loaded it was.
 */
final class Targets {

  /** Worker CPU milliseconds per job of part 6 at a level, the key's suffix. */
  static final String WORKER_CPU = "worker-cpu-ms-per-job@";

  /** Wall seconds of part 6's batch at a level, the key's suffix. */
  static final String WALL = "wall-s@";

  /** The ideal wall seconds of a job: its model calls one after another. */
  static final String IDEAL = "ideal-s";

  /** Orchestration overhead per job of part 1c, one job at a time with sticky queues on. */
  static final String OVERHEAD = "overhead-sticky-on-ms";

  /** The level the CPU target compares the largest one with. */
  static final int REFERENCE_LEVEL = 32;

  static final double CPU_GROWTH_LIMIT = 1.5;
  static final double WALL_LIMIT = 3.0;
  static final double OVERHEAD_LIMIT_MS = 10.0;

  private Targets() {}

  /** Returns the summary rows; a target whose figures were not measured says which part to run. */
  static ResultTable summary(Map<String, Figure> figures) {
    ResultTable table = new ResultTable();
    table.add(cpuGrowth(figures));
    table.add(wallOverIdeal(figures));
    table.add(overhead(figures));
    return table;
  }

  static Row cpuGrowth(Map<String, Figure> figures) {
    OptionalInt top = largestLevel(figures, WORKER_CPU);
    Figure reference = figures.get(WORKER_CPU + REFERENCE_LEVEL);
    if (top.isEmpty() || reference == null || top.getAsInt() <= REFERENCE_LEVEL) {
      return notMeasured(
          "T1", "worker CPU per job, most in flight / 32 in flight", CPU_GROWTH_LIMIT, "6");
    }
    return ratioRow(
        "T1",
        String.format(
            "worker CPU per job, %d in flight / %d in flight (part 6)",
            top.getAsInt(), REFERENCE_LEVEL),
        figures.get(WORKER_CPU + top.getAsInt()),
        reference,
        "%.1f ms",
        CPU_GROWTH_LIMIT);
  }

  static Row wallOverIdeal(Map<String, Figure> figures) {
    OptionalInt top = largestLevel(figures, WALL);
    Figure ideal = figures.get(IDEAL);
    if (top.isEmpty() || ideal == null) {
      return notMeasured("T2", "most jobs in flight: wall / ideal", WALL_LIMIT, "6");
    }
    return ratioRow(
        "T2",
        String.format(
            "%d jobs at once with %.0f ms model calls: wall / ideal (part 6)",
            top.getAsInt(), ideal.value() * 1000 / Jobs.MODEL_CALLS_PER_JOB),
        figures.get(WALL + top.getAsInt()),
        ideal,
        "%.2f s",
        WALL_LIMIT);
  }

  static Row overhead(Map<String, Figure> figures) {
    String target = "<= " + OVERHEAD_LIMIT_MS + " ms";
    Figure overhead = figures.get(OVERHEAD);
    if (overhead == null) {
      return new Row(
          "T3",
          "one job at a time, sticky on: overhead per job",
          "not measured: run part 1 (--only=1)",
          target,
          "-",
          "-");
    }
    return row(
        "T3",
        "one job at a time, sticky on: overhead per job (part 1c)",
        String.format("%.2f ms", overhead.value()),
        target,
        overhead.value() <= OVERHEAD_LIMIT_MS,
        overhead.load());
  }

  /** Returns a over b, or infinity when b is not positive (a part that measured nothing). */
  static double ratio(double a, double b) {
    return b > 0 ? a / b : Double.POSITIVE_INFINITY;
  }

  /** Returns the largest level recorded under a figure's prefix. */
  static OptionalInt largestLevel(Map<String, Figure> figures, String prefix) {
    return figures.keySet().stream()
        .filter(key -> key.startsWith(prefix))
        .mapToInt(key -> Integer.parseInt(key.substring(prefix.length())))
        .max();
  }

  private static Row row(
      String id, String measurement, String result, String target, boolean met, String load) {
    return new Row(id, measurement, result, target, met ? "yes" : "NO", load);
  }

  /** A row of a measured over a reference figure, each shown in the unit's format. */
  private static Row ratioRow(
      String id, String measurement, Figure measured, Figure reference, String unit, double limit) {
    double ratio = ratio(measured.value(), reference.value());
    return row(
        id,
        measurement,
        String.format(unit, measured.value())
            + " / "
            + String.format(unit, reference.value())
            + String.format(" = %.2fx", ratio),
        "<= " + limit + "x",
        ratio <= limit,
        measured.load());
  }

  private static Row notMeasured(String id, String measurement, double limit, String part) {
    return new Row(
        id,
        measurement,
        "not measured: run part " + part + " (--only=" + part + ")",
        "<= " + limit + "x",
        "-",
        "-");
  }
}
