package dev.conveyor.worker.temporal;

import dev.conveyor.worker.StartupFailure;
import io.temporal.spring.boot.WorkerOptionsCustomizer;
import io.temporal.worker.WorkerOptions;
import org.springframework.stereotype.Component;

/**
 * Refuses to start a worker without a task queue, which is what the {@code image-worker} profile
 * meets when {@code conveyor.temporal.step-queues.image-generation} is not set: the process would
 * otherwise start and serve nothing.
 */
@Component
class StepQueueWorkerCheck implements WorkerOptionsCustomizer {

  @Override
  public WorkerOptions.Builder customize(
      WorkerOptions.Builder builder, String workerName, String taskQueue) {
    if (taskQueue.isBlank()) {
      throw StartupFailure.configuration(
          "worker "
              + workerName
              + " has no task queue: the image-worker profile serves"
              + " conveyor.temporal.step-queues.image-generation"
              + " (CONVEYOR_TEMPORAL_STEPQUEUES_IMAGEGENERATION), which every worker must set"
              + " to the same queue",
          null);
    }
    return builder;
  }
}
