package dev.conveyor.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The benchmark's command line. Defaults are the sizes; {@code --quick} scales every size
 * down for a run of about a minute.
 *
 * @param only which parts to run: 1 overhead, 2 concurrency, 3 parked jobs, 4 decision latency, 5
 *     scale-out, 6 profile per process
 * @param overheadJobs jobs per row of part 1 (Temporal rows; the in-process rows run 10 times more)
 * @param concurrencyJobs jobs in flight in part 2
 * @param latency simulated latency of each model call in part 2
 * @param parkedJobs jobs awaiting approval in part 3
 * @param decisions decisions timed in part 4
 * @param scaleJobs jobs at once in each round of part 5 (1, 2 and 3 worker processes)
 * @param profileLevels the jobs in flight of each level of part 6
 * @param jfr whether part 6 records each level with JFR and prints the hottest code
 * @param virtualJava a {@code java} of JDK 21+ for the virtual-threads row, or null to skip it
 * @param child the part a child JVM runs, or null in the parent
 * @param rest the arguments after the options, for a child
 */
public record BenchOptions(
    Set<String> only,
    int overheadJobs,
    int concurrencyJobs,
    Duration latency,
    int parkedJobs,
    int decisions,
    int scaleJobs,
    List<Integer> profileLevels,
    boolean jfr,
    String virtualJava,
    String child,
    List<String> rest) {

  static final String DEFAULT_VIRTUAL_JAVA = "/usr/lib/jvm/temurin-25-jdk-amd64/bin/java";

  static final String USAGE =
      """
      usage: java -jar bench/target/conveyor-bench.jar [options]
        --quick                 small sizes, for a run of about a minute
        --only=1,2,3,4,5,6      parts to run (1 overhead, 2 concurrency, 3 parked, 4 decisions,
                                5 scale-out over 1, 2, 3 worker processes, 6 CPU per process)
        --overhead-jobs=N       Temporal jobs per overhead row (default 500)
        --concurrency-jobs=N    jobs in flight (default 1000)
        --latency=1s            simulated latency per model call in part 2 (ISO or 500ms/1s)
        --parked-jobs=N         jobs awaiting approval (default 10000)
        --decisions=N           decisions timed for the latency percentiles (default 500)
        --scale-jobs=N          jobs at once per scale-out round (default 300)
        --profile-levels=1,32   jobs in flight of each level of part 6 (default 1,32,256,1000)
        --jfr                   part 6 records each level with JFR in every JVM (bench/target/jfr)
                                and prints the hottest code and the top allocation sites
        --virtual-java=PATH     java of JDK 21+ for the virtual-threads row (default temurin 25)
      """;

  /** Parses the command line; an unknown option fails with the usage. */
  public static BenchOptions parse(String[] args) {
    Set<String> only = new LinkedHashSet<>(List.of("1", "2", "3", "4", "5", "6"));
    int overhead = 500;
    int concurrency = 1000;
    Duration latency = Duration.ofSeconds(1);
    int parked = 10_000;
    int decisions = 500;
    int scale = 300;
    List<Integer> levels = List.of(1, 32, 256, 1000);
    boolean jfr = false;
    String virtualJava =
        Files.isExecutable(Path.of(DEFAULT_VIRTUAL_JAVA)) ? DEFAULT_VIRTUAL_JAVA : null;
    String child = null;
    List<String> rest = new ArrayList<>();
    for (String arg : args) {
      String value = arg.contains("=") ? arg.substring(arg.indexOf('=') + 1) : "";
      if (arg.equals("--quick")) {
        overhead = 100;
        concurrency = 100;
        parked = 500;
        decisions = 50;
        scale = 50;
        levels = List.of(1, 8, 32, 100);
      } else if (arg.startsWith("--only=")) {
        only = new LinkedHashSet<>(List.of(value.split(",")));
      } else if (arg.startsWith("--overhead-jobs=")) {
        overhead = Integer.parseInt(value);
      } else if (arg.startsWith("--concurrency-jobs=")) {
        concurrency = Integer.parseInt(value);
      } else if (arg.startsWith("--latency=")) {
        latency = duration(value);
      } else if (arg.startsWith("--parked-jobs=")) {
        parked = Integer.parseInt(value);
      } else if (arg.startsWith("--decisions=")) {
        decisions = Integer.parseInt(value);
      } else if (arg.startsWith("--scale-jobs=")) {
        scale = Integer.parseInt(value);
      } else if (arg.startsWith("--profile-levels=")) {
        levels = Arrays.stream(value.split(",")).map(Integer::valueOf).toList();
      } else if (arg.equals("--jfr")) {
        jfr = true;
      } else if (arg.startsWith("--virtual-java=")) {
        virtualJava = value.isEmpty() ? null : value;
      } else if (arg.startsWith("--child=")) {
        child = value;
      } else if (child != null) {
        rest.add(arg);
      } else {
        throw new IllegalArgumentException("unknown option " + arg + "\n" + USAGE);
      }
    }
    return new BenchOptions(
        only,
        overhead,
        concurrency,
        latency,
        parked,
        decisions,
        scale,
        levels,
        jfr,
        virtualJava,
        child,
        rest);
  }

  /** Parses {@code 1s}, {@code 500ms} or an ISO-8601 duration. */
  static Duration duration(String text) {
    if (text.endsWith("ms")) {
      return Duration.ofMillis(Long.parseLong(text.substring(0, text.length() - 2)));
    }
    if (text.endsWith("s") && !text.startsWith("P")) {
      return Duration.ofMillis(
          (long) (Double.parseDouble(text.substring(0, text.length() - 1)) * 1000));
    }
    return Duration.parse(text);
  }
}
