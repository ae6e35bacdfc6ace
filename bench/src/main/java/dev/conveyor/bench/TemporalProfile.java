package dev.conveyor.bench;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * Where a Conveyor job's time goes, from the Temporal SDK's own meters taken before and after a
 * timed run: RPCs the worker and client make (long polls apart), workflow task execution, activity
 * execution, and the time tasks wait in their queues.
 */
public final class TemporalProfile {

  /** Timer totals by name and operation. */
  public record Snapshot(Map<String, long[]> totals) {

    /** Reads the timers of a registry: for each, its count and total nanoseconds. */
    public static Snapshot of(MeterRegistry registry) {
      Map<String, long[]> totals = new TreeMap<>();
      for (Meter meter : registry.getMeters()) {
        if (!(meter instanceof Timer timer)) {
          continue;
        }
        String name = timer.getId().getName();
        String operation = timer.getId().getTag("operation");
        String key = operation == null ? name : name + "/" + operation;
        long[] total = totals.computeIfAbsent(key, k -> new long[2]);
        total[0] += timer.count();
        total[1] += (long) timer.totalTime(TimeUnit.NANOSECONDS);
      }
      return new Snapshot(totals);
    }

    /** Returns this snapshot minus an earlier one. */
    public Snapshot minus(Snapshot earlier) {
      Map<String, long[]> diff = new TreeMap<>();
      totals.forEach(
          (key, total) -> {
            long[] before = earlier.totals.getOrDefault(key, new long[2]);
            diff.put(key, new long[] {total[0] - before[0], total[1] - before[1]});
          });
      return new Snapshot(diff);
    }

    /** Returns how many of a timer's events there were, summed over keys starting with a prefix. */
    public long count(String prefix) {
      return sum(prefix, 0);
    }

    /** Returns a timer's total in milliseconds, summed over keys starting with a prefix. */
    public double millis(String prefix) {
      return sum(prefix, 1) / 1e6;
    }

    /** Returns the RPCs that are not long polls: their count and total milliseconds. */
    public double[] shortRpcs() {
      long count = 0;
      long nanos = 0;
      for (Map.Entry<String, long[]> entry : totals.entrySet()) {
        String key = entry.getKey();
        if (key.startsWith("temporal_request_latency/") && !isLongPoll(key)) {
          count += entry.getValue()[0];
          nanos += entry.getValue()[1];
        }
      }
      return new double[] {count, nanos / 1e6};
    }

    private long sum(String prefix, int index) {
      long sum = 0;
      for (Map.Entry<String, long[]> entry : totals.entrySet()) {
        if (entry.getKey().startsWith(prefix)) {
          sum += entry.getValue()[index];
        }
      }
      return sum;
    }

    private static boolean isLongPoll(String key) {
      return key.contains("Poll") || key.contains("GetWorkflowExecutionHistory");
    }
  }

  private TemporalProfile() {}

  /** Describes, per job, the split of a run's time, for the table. */
  public static String perJob(Snapshot run, int jobs) {
    double[] rpcs = run.shortRpcs();
    return String.format(
        "per job: %.1f RPCs %.2f ms (long polls apart); %.1f workflow tasks %.2f ms exec;"
            + " %.1f activities %.2f ms exec; queue wait wf %.2f ms, act %.2f ms",
        rpcs[0] / jobs,
        rpcs[1] / jobs,
        run.count("temporal_workflow_task_execution_latency") / (double) jobs,
        run.millis("temporal_workflow_task_execution_latency") / jobs,
        run.count("temporal_activity_execution_latency") / (double) jobs,
        run.millis("temporal_activity_execution_latency") / jobs,
        run.millis("temporal_workflow_task_schedule_to_start_latency") / jobs,
        run.millis("temporal_activity_schedule_to_start_latency") / jobs);
  }
}
