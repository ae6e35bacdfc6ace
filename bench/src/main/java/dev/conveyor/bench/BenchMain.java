package dev.conveyor.bench;

import dev.conveyor.worker.temporal.EmbeddedTemporalServer;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs the benchmarks and prints one table. The parent JVM runs the in-process rows of part 1 and
 * starts a child JVM for each Temporal part, so that each has a clean heap, the concurrency row
 * with virtual threads can run on JDK 21+, and the parked jobs' server has a process of its own.
 * Children print their rows; the parent collects them into the table.
 */
public final class BenchMain {

  private BenchMain() {}

  public static void main(String[] args) throws Exception {
    BenchOptions options;
    try {
      options = BenchOptions.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.exit(2);
      return;
    }
    if (options.child() != null) {
      runChild(options);
      return;
    }
    ResultTable table = new ResultTable();
    if (options.only().contains("1")) {
      progress("part 1: orchestration overhead");
      double baseline = OverheadBench.runInProcess(options, table);
      child(ChildJvm.currentJava(), "overhead", options, table, List.of(Double.toString(baseline)));
    }
    if (options.only().contains("2")) {
      progress("part 2: concurrency");
      child(ChildJvm.currentJava(), "concurrency", options, table, List.of("defaults", "platform"));
      child(ChildJvm.currentJava(), "concurrency", options, table, List.of("tuned", "platform"));
      if (options.virtualJava() != null) {
        child(options.virtualJava(), "concurrency", options, table, List.of("tuned", "virtual"));
      } else {
        table.add("2", "virtual threads", "skipped: no JDK 21+ (--virtual-java=PATH)");
      }
    }
    if (options.only().contains("3")) {
      progress("part 3: parked jobs");
      child(ChildJvm.currentJava(), "parked", options, table, List.of());
    }
    if (options.only().contains("4")) {
      progress("part 4: decision latency");
      child(ChildJvm.currentJava(), "decisions", options, table, List.of());
    }
    if (options.only().contains("5")) {
      progress("part 5: scale-out over 1, 2 and 3 worker processes");
      child(ChildJvm.currentJava(), "scale", options, table, List.of());
    }
    if (options.only().contains("6")) {
      progress("part 6: CPU per process at " + options.profileLevels() + " jobs in flight");
      child(ChildJvm.currentJava(), "profile", options, table, List.of());
    }
    System.out.println();
    System.out.print(table.render());
    System.out.println();
    System.out.println("Targets (issue 15), from the rows above:");
    System.out.print(Targets.summary(table.figures()).render());
  }

  private static void runChild(BenchOptions options) throws Exception {
    ResultTable table = new ResultTable();
    List<String> rest = options.rest();
    try {
      runPart(options, rest, table);
    } catch (Exception | Error e) {
      // Worker threads are not daemons: without an exit the failed child would live on.
      e.printStackTrace();
      System.exit(1);
    }
    System.out.print(table.serialize());
    System.out.flush();
    System.exit(0);
  }

  private static void runPart(BenchOptions options, List<String> rest, ResultTable table)
      throws Exception {
    switch (options.child()) {
      case "server" -> {
        JfrControl.listenOnStandardInput();
        EmbeddedTemporalServer.main(new String[] {"127.0.0.1", "0"});
      }
      case "overhead" -> OverheadBench.runTemporal(options, Double.parseDouble(rest.get(0)), table);
      case "concurrency" ->
          ConcurrencyBench.run(options, rest.get(0), rest.get(1).equals("virtual"), table);
      case "parked" -> ParkedBench.run(options, table);
      case "decisions" -> DecisionLatencyBench.run(options, table);
      case "scale" -> ScaleOutBench.run(options, table);
      case "scale-worker" -> ScaleOutBench.runWorker(options, rest.get(0));
      case "profile" -> ProfileBench.run(options, table);
      case "profile-worker" -> ProfileBench.runWorker(options, rest.get(0));
      default -> throw new IllegalArgumentException("unknown part " + options.child());
    }
  }

  /** Runs a part in a child JVM with the same sizes and adds the rows it prints. */
  private static void child(
      String java, String part, BenchOptions options, ResultTable table, List<String> args)
      throws InterruptedException {
    List<String> childArgs = new ArrayList<>(sizes(options));
    childArgs.addAll(args);
    List<String> rows = new ArrayList<>();
    try (ChildJvm child =
        ChildJvm.start(
            java,
            List.of(),
            part,
            childArgs,
            line -> {
              if (ResultTable.isSerializedRow(line)) {
                rows.add(line);
              } else {
                System.out.println(line);
              }
            })) {
      int code = child.waitFor();
      synchronized (rows) {
        rows.forEach(table::addSerialized);
      }
      if (code != 0) {
        table.add(
            part, "child JVM " + java, "FAILED with exit code " + code + " (see its log above)");
      }
    }
  }

  private static List<String> sizes(BenchOptions options) {
    List<String> sizes =
        new ArrayList<>(
            List.of(
                "--overhead-jobs=" + options.overheadJobs(),
                "--concurrency-jobs=" + options.concurrencyJobs(),
                "--latency=" + options.latency().toMillis() + "ms",
                "--parked-jobs=" + options.parkedJobs(),
                "--decisions=" + options.decisions(),
                "--scale-jobs=" + options.scaleJobs(),
                "--profile-levels="
                    + String.join(
                        ",", options.profileLevels().stream().map(String::valueOf).toList())));
    if (options.jfr()) {
      sizes.add("--jfr");
    }
    return sizes;
  }

  private static void progress(String what) {
    System.err.println("[bench] " + what + " (load " + Machine.loadAverage() + ")");
  }
}
