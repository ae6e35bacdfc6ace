package dev.conveyor.bench;

import io.temporal.worker.WorkerFactoryOptions;
import io.temporal.worker.WorkerOptions;
import java.time.Duration;

/**
 * The worker options a benchmark runs with, in one place, so that the table and the doc name them.
 *
 * @param cacheSize workflows kept in the worker's cache ({@code setWorkflowCacheSize})
 * @param maxWorkflowThreads workflow threads ({@code setMaxWorkflowThreadCount})
 * @param workflowPollers workflow task pollers
 * @param activityPollers activity task pollers
 * @param maxWorkflowTasks concurrent workflow task executions
 * @param maxActivities concurrent activity executions
 * @param virtualThreads activities and workflow code on virtual threads (JDK 21+)
 * @param sticky sticky queues on (the worker turns them off against the test server, see FACTS)
 */
public record WorkerSettings(
    int cacheSize,
    int maxWorkflowThreads,
    int workflowPollers,
    int activityPollers,
    int maxWorkflowTasks,
    int maxActivities,
    boolean virtualThreads,
    boolean sticky) {

  /** The SDK's defaults, with sticky queues off as the worker runs against the test server. */
  public static WorkerSettings sdkDefaults() {
    return new WorkerSettings(600, 600, 5, 5, 200, 200, false, false);
  }

  /**
   * The options Conveyor's worker runs with against a Temporal test server, as {@code ./conveyor
   * up} starts it: the SDK's defaults, sticky queues off, and virtual threads on JDK 21 and newer
   * (see {@code WorkerTuning} and {@code WorkflowThreadTuning} in the worker).
   */
  public static WorkerSettings workerDefaults() {
    boolean virtual = Runtime.version().feature() >= 21;
    return new WorkerSettings(600, 600, 5, 5, 200, 200, virtual, false);
  }

  /** The options tuned for many jobs in flight; virtual threads when the JDK has them. */
  public static WorkerSettings tuned(int jobsInFlight, boolean virtualThreads) {
    int slots = Math.max(200, jobsInFlight + jobsInFlight / 5);
    return new WorkerSettings(slots, slots, 8, 16, 200, slots, virtualThreads, true);
  }

  /**
   * The options for many parked jobs: the SDK's cache (parked jobs leave it and are replayed from
   * their short history when a decision comes), more pollers, sticky queues on.
   */
  public static WorkerSettings parked() {
    return new WorkerSettings(600, 600, 8, 16, 200, 200, false, true);
  }

  /** Returns the factory options. */
  public WorkerFactoryOptions factoryOptions() {
    return WorkerFactoryOptions.newBuilder()
        .setWorkflowCacheSize(cacheSize)
        .setMaxWorkflowThreadCount(maxWorkflowThreads)
        .setUsingVirtualWorkflowThreads(virtualThreads)
        .build();
  }

  /** Returns the worker options. */
  public WorkerOptions workerOptions() {
    WorkerOptions.Builder builder =
        WorkerOptions.newBuilder()
            .setMaxConcurrentWorkflowTaskPollers(workflowPollers)
            .setMaxConcurrentActivityTaskPollers(activityPollers)
            .setMaxConcurrentWorkflowTaskExecutionSize(maxWorkflowTasks)
            .setMaxConcurrentActivityExecutionSize(maxActivities)
            .setUsingVirtualThreads(virtualThreads);
    if (!sticky) {
      builder.setStickyQueueScheduleToStartTimeout(Duration.ZERO);
    }
    return builder.build();
  }

  /** Returns the options in a few words, for the table. */
  public String describe() {
    return String.format(
        "cache %d, wf threads %d, pollers wf %d/act %d, slots wf %d/act %d, %s, sticky %s",
        cacheSize,
        maxWorkflowThreads,
        workflowPollers,
        activityPollers,
        maxWorkflowTasks,
        maxActivities,
        virtualThreads ? "virtual threads" : "platform threads",
        sticky ? "on" : "off");
  }
}
