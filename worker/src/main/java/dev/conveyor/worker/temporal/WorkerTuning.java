package dev.conveyor.worker.temporal;

import dev.conveyor.worker.config.WorkerProperties;
import io.temporal.spring.boot.WorkerOptionsCustomizer;
import io.temporal.worker.WorkerOptions;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Worker options that depend on where the worker runs. Against a Temporal test server sticky queues
 * are turned off: after a worker is killed, the test server never times out the dead worker's
 * sticky queue, and the job would hang. On JDK 21 and newer, activities run on virtual threads.
 */
@Component
class WorkerTuning implements WorkerOptionsCustomizer {

  private static final Logger log = LoggerFactory.getLogger(WorkerTuning.class);

  private final WorkerProperties properties;

  WorkerTuning(WorkerProperties properties) {
    this.properties = properties;
  }

  @Override
  public WorkerOptions.Builder customize(
      WorkerOptions.Builder builder, String workerName, String taskQueue) {
    if (Boolean.TRUE.equals(properties.temporal().testServer())) {
      builder.setStickyQueueScheduleToStartTimeout(Duration.ZERO);
      log.info("Worker {}: sticky queues off (Temporal test server)", workerName);
    }
    if (virtualThreadsAvailable()) {
      builder.setUsingVirtualThreads(true);
      log.info("Worker {}: activities on virtual threads", workerName);
    }
    return builder;
  }

  /**
   * Returns whether this JDK has virtual threads (21 and newer); Java 17 keeps platform threads.
   */
  static boolean virtualThreadsAvailable() {
    return Runtime.version().feature() >= 21;
  }
}
