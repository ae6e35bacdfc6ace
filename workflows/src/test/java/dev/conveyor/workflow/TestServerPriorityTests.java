package dev.conveyor.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityOptions;
import io.temporal.api.enums.v1.EventType;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.common.Priority;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerOptions;
import io.temporal.workflow.Async;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What Temporal's Java test server, which the local stack and these tests run, does with a task's
 * priority key: tasks waiting in a queue's backlog go out lowest key first. (A task that arrives
 * while a worker is polling goes to it at once.) The finding behind docs/task-queues.md#priority.
 */
class TestServerPriorityTests {

  private static final String QUEUE = "priority-probe";

  private final TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance();

  @AfterEach
  void closeEnvironment() {
    env.close();
  }

  @Test
  void should_hand_out_a_backlog_lowest_priority_key_first() throws Exception {
    // given a worker with one activity slot, held by a first activity until the backlog is full
    Probe probe = new Probe();
    Worker worker =
        env.newWorker(
            QUEUE, WorkerOptions.newBuilder().setMaxConcurrentActivityExecutionSize(1).build());
    worker.registerWorkflowImplementationTypes(ProbeWorkflowImpl.class);
    worker.registerActivitiesImplementations(probe);
    env.start();
    ProbeWorkflow workflow =
        env.getWorkflowClient()
            .newWorkflowStub(
                ProbeWorkflow.class,
                WorkflowOptions.newBuilder()
                    .setWorkflowId("priority-probe")
                    .setTaskQueue(QUEUE)
                    .build());

    // when five activities are scheduled in the order of keys 5, 4, 3, 2, 1 behind it
    WorkflowClient.start(workflow::run, List.of(5, 4, 3, 2, 1));
    assertThat(probe.holding.await(20, TimeUnit.SECONDS)).isTrue();
    awaitScheduled(6);
    probe.release.countDown();
    WorkflowStub.fromTyped(workflow).getResult(List.class);

    // then they ran lowest key first, not in the order they were scheduled
    assertThat(probe.ran).containsExactly("hold", "key 1", "key 2", "key 3", "key 4", "key 5");
  }

  /** Waits, without letting workflow time pass, until the history holds the scheduled events. */
  private void awaitScheduled(int count) throws InterruptedException {
    for (int tries = 0; tries < 2_000; tries++) {
      long scheduled =
          env.getWorkflowClient().fetchHistory("priority-probe").getEvents().stream()
              .filter(e -> e.getEventType() == EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED)
              .count();
      if (scheduled >= count) {
        return;
      }
      Thread.sleep(10);
    }
    throw new AssertionError("the activities were never scheduled");
  }

  /** Schedules a holding activity, then one activity per priority key, all at once. */
  @WorkflowInterface
  public interface ProbeWorkflow {
    @WorkflowMethod
    List<String> run(List<Integer> keys);
  }

  /** The probe's activity: records what ran, in order. */
  @ActivityInterface
  public interface ProbeActivities {
    String step(String name);
  }

  public static class ProbeWorkflowImpl implements ProbeWorkflow {

    @Override
    public List<String> run(List<Integer> keys) {
      List<Promise<String>> steps = new ArrayList<>();
      steps.add(Async.function(stub(null)::step, "hold"));
      for (int key : keys) {
        steps.add(Async.function(stub(key)::step, "key " + key));
      }
      return steps.stream().map(Promise::get).toList();
    }

    private static ProbeActivities stub(Integer key) {
      ActivityOptions.Builder options =
          ActivityOptions.newBuilder()
              .setStartToCloseTimeout(Duration.ofMinutes(1))
              .setDisableEagerExecution(true);
      if (key != null) {
        options.setPriority(Priority.newBuilder().setPriorityKey(key).build());
      }
      return Workflow.newActivityStub(ProbeActivities.class, options.build());
    }
  }

  static final class Probe implements ProbeActivities {
    final CountDownLatch holding = new CountDownLatch(1);
    final CountDownLatch release = new CountDownLatch(1);
    final List<String> ran = new CopyOnWriteArrayList<>();

    @Override
    public String step(String name) {
      ran.add(name);
      if (name.equals("hold")) {
        holding.countDown();
        try {
          release.await(20, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      return name;
    }
  }
}
