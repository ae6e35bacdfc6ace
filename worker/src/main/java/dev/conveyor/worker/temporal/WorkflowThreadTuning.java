package dev.conveyor.worker.temporal;

import io.temporal.spring.boot.TemporalOptionsCustomizer;
import io.temporal.worker.WorkerFactoryOptions;
import org.springframework.stereotype.Component;

/**
 * Runs workflow code on virtual threads on JDK 21 and newer, so many jobs in flight cost little
 * memory; on Java 17 the SDK's platform threads stay.
 */
@Component
class WorkflowThreadTuning implements TemporalOptionsCustomizer<WorkerFactoryOptions.Builder> {

  @Override
  public WorkerFactoryOptions.Builder customize(WorkerFactoryOptions.Builder builder) {
    if (WorkerTuning.virtualThreadsAvailable()) {
      builder.setUsingVirtualWorkflowThreads(true);
    }
    return builder;
  }
}
