package dev.conveyor.worker.temporal;

import dev.conveyor.worker.config.WorkerProperties;
import dev.conveyor.workflow.StepTaskQueues;
import io.temporal.common.metadata.POJOWorkflowMethodMetadata;
import io.temporal.spring.boot.WorkflowImplementationOptionsCustomizer;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkflowImplementationOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Sends the activities of the steps listed in {@code conveyor.temporal.step-queues} to their own
 * task queues, where workers on other hosts serve them (the {@code image-worker} profile, for
 * example). With no step listed, the job workflow is registered exactly as before and every
 * activity runs on the worker's own queue.
 */
@Component
class StepQueueRouting implements WorkflowImplementationOptionsCustomizer {

  private static final Logger log = LoggerFactory.getLogger(StepQueueRouting.class);

  private final WorkerProperties properties;

  StepQueueRouting(WorkerProperties properties) {
    this.properties = properties;
  }

  @Override
  public WorkflowImplementationOptions.Builder customize(
      WorkflowImplementationOptions.Builder builder,
      Worker worker,
      Class<?> workflowClass,
      POJOWorkflowMethodMetadata workflowMethod) {
    properties
        .temporal()
        .stepQueues()
        .forEach(
            (step, queue) ->
                log.info(
                    "Workflow {} on {}: step {} runs on task queue {}",
                    workflowClass.getSimpleName(),
                    worker.getTaskQueue(),
                    step,
                    queue));
    return StepTaskQueues.routing(builder, properties.temporal().stepQueues());
  }
}
