package dev.conveyor.workflow;

import dev.conveyor.workflow.activity.CodeActivities;
import dev.conveyor.workflow.activity.GenerationActivities;
import dev.conveyor.workflow.activity.PromptActivities;
import dev.conveyor.workflow.activity.QaActivities;
import dev.conveyor.workflow.model.Step;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.metadata.POJOActivityInterfaceMetadata;
import io.temporal.common.metadata.POJOActivityMethodMetadata;
import io.temporal.worker.WorkflowImplementationOptions;
import java.util.HashMap;
import java.util.Map;

/**
 * Optional task queues per step kind: which activity type each model step calls and on which
 * interface, and the workflow implementation options that send a step's activity to its own task
 * queue. A worker registers {@link JobWorkflowImpl} with {@link #routing}; a worker process that
 * serves a step's queue registers the implementation of {@link #activityInterface} there.
 *
 * <p>The queue is an activity option applied when the workflow schedules the activity, and the
 * ActivityTaskScheduled event records it. Replay compares only an activity's id and type, never its
 * task queue, so histories recorded with any mapping replay under any other, and with no mapping
 * the commands are exactly those of a worker without this class.
 */
public final class StepTaskQueues {

  private StepTaskQueues() {}

  /** Returns the activity interface whose implementation serves the step. */
  public static Class<?> activityInterface(Step step) {
    return switch (step) {
      case PROMPT -> PromptActivities.class;
      case TEXT_GENERATION, IMAGE_GENERATION -> GenerationActivities.class;
      case TEXT_QA, VISION_QA -> QaActivities.class;
      case CODE_GENERATION, CODE_QA -> CodeActivities.class;
    };
  }

  /** Returns the activity type the workflow schedules for the step, for example GenerateImage. */
  public static String activityType(Step step) {
    String method =
        switch (step) {
          case PROMPT -> "writePrompt";
          case TEXT_GENERATION -> "generateText";
          case IMAGE_GENERATION -> "generateImage";
          case TEXT_QA -> "checkText";
          case VISION_QA -> "checkImage";
          case CODE_GENERATION -> "generateCode";
          case CODE_QA -> "checkCode";
        };
    return POJOActivityInterfaceMetadata.newInstance(activityInterface(step))
        .getMethodsMetadata()
        .stream()
        .filter(m -> m.getMethod().getName().equals(method))
        .map(POJOActivityMethodMetadata::getActivityTypeName)
        .findFirst()
        .orElseThrow(() -> new IllegalStateException("no activity method " + method));
  }

  /**
   * Returns the options with each listed step's activity sent to its task queue; steps left out run
   * on the worker's own queue. An empty map returns the options unchanged.
   *
   * @param options the options the worker registers the job workflow with
   * @param queues the task queue of each step that has its own
   */
  public static WorkflowImplementationOptions.Builder routing(
      WorkflowImplementationOptions.Builder options, Map<Step, String> queues) {
    if (queues.isEmpty()) {
      return options;
    }
    Map<String, ActivityOptions> byType = new HashMap<>(options.build().getActivityOptions());
    queues.forEach(
        (step, queue) -> {
          ActivityOptions routed = ActivityOptions.newBuilder().setTaskQueue(queue).build();
          byType.merge(
              activityType(step),
              routed,
              (set, route) -> set.toBuilder().mergeActivityOptions(route).build());
        });
    return options.setActivityOptions(byType);
  }
}
