package dev.conveyor.worker.temporal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.temporal.worker.WorkerOptions;
import org.junit.jupiter.api.Test;

/**
 * A worker without a task queue, as the image-worker profile gets without its key, stops start-up.
 */
class StepQueueWorkerCheckTests {

  private final StepQueueWorkerCheck check = new StepQueueWorkerCheck();

  @Test
  void should_refuse_a_worker_whose_queue_is_blank_and_name_the_key_to_set() {
    assertThatThrownBy(() -> check.customize(WorkerOptions.newBuilder(), "image-generation", ""))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("worker image-generation has no task queue")
        .hasMessageContaining("CONVEYOR_TEMPORAL_STEPQUEUES_IMAGEGENERATION");
  }

  @Test
  void should_leave_a_worker_with_a_queue_unchanged() {
    WorkerOptions.Builder builder = WorkerOptions.newBuilder();

    assertThat(check.customize(builder, "conveyor", "conveyor-jobs")).isSameAs(builder);
  }
}
