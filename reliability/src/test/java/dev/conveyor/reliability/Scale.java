package dev.conveyor.reliability;

import java.time.Duration;
import java.util.Locale;

/**
 * The sizes of the suite's scenarios. {@code full} (the default, what CI runs) has the sizes the
 * reliability promise is stated in; {@code quick} ({@code -Dconveyor.reliability.scale=quick}) is
 * for working on the suite itself; {@code soak} ({@code -Dconveyor.reliability.scale=soak}, not in
 * CI, an hour or more) kills the worker a hundred times, each kill with a job in every stage.
 *
 * @param name the scale's name
 * @param crashRounds how many times the worker is killed with jobs in every stage
 * @param crashJobsPerStage jobs held in each stage at each kill
 * @param crashLatency how long each offline model call of the crash scenario takes, so that kills
 *     land in the middle of a call
 * @param faultJobs jobs run while the model server injects faults
 * @param loadJobs jobs submitted concurrently over REST
 * @param restartJobs jobs submitted with idempotency keys while the starter is killed and restarted
 */
record Scale(
    String name,
    int crashRounds,
    int crashJobsPerStage,
    Duration crashLatency,
    int faultJobs,
    int loadJobs,
    int restartJobs) {

  static final String PROPERTY = "conveyor.reliability.scale";

  static Scale fromSystemProperty() {
    String name = System.getProperty(PROPERTY, "full").strip().toLowerCase(Locale.ROOT);
    Duration latency = Duration.ofSeconds(3);
    return switch (name) {
      case "full", "" -> new Scale("full", 2, 5, latency, 200, 500, 100);
      case "quick" -> new Scale("quick", 1, 2, latency, 20, 50, 20);
      case "soak" -> new Scale("soak", 100, 1, Duration.ofSeconds(2), 20, 50, 20);
      default ->
          throw new IllegalArgumentException(
              PROPERTY + " must be full, quick or soak, not " + name);
    };
  }
}
