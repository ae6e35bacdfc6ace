package dev.conveyor.activities.testing;

import dev.conveyor.activities.reminder.ReminderActivitiesImpl;
import dev.conveyor.activities.reminder.ReminderSettings;
import dev.conveyor.activities.store.JobStoreActivitiesImpl;
import dev.conveyor.store.JobStoreWriter;
import dev.conveyor.workflow.JobSearchAttributes;
import dev.conveyor.workflow.JobWorkflow;
import dev.conveyor.workflow.JobWorkflowImpl;
import dev.conveyor.workflow.evaluation.EvaluationWorkflowImpl;
import dev.conveyor.workflow.model.JobStatus;
import dev.conveyor.workflow.model.Stage;
import io.micrometer.core.instrument.MeterRegistry;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The real job workflow on Temporal's test environment with real activities, registered as the
 * worker registers them: the pipeline's activities a test chooses, plus the job store and reminder
 * activities the workflow always calls.
 */
public final class JobEnvironment {

  private JobEnvironment() {}

  /**
   * Returns a started environment whose worker on the task queue runs the job workflow.
   *
   * @param options the environment's options (metrics scope, time skipping)
   * @param taskQueue the worker's task queue
   * @param store where the job store activity writes
   * @param registry where the reminder activity counts reminders
   * @param pipeline the artifact, routing, prompt, generation and QA activities
   */
  public static TestWorkflowEnvironment start(
      TestEnvironmentOptions options,
      String taskQueue,
      JobStoreWriter store,
      MeterRegistry registry,
      Object... pipeline) {
    TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance(options);
    for (var key : JobSearchAttributes.ALL) {
      env.registerSearchAttribute(key.getName(), IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD);
    }
    Worker worker = env.newWorker(taskQueue);
    worker.registerWorkflowImplementationTypes(JobWorkflowImpl.class, EvaluationWorkflowImpl.class);
    List<Object> activities = new ArrayList<>(List.of(pipeline));
    activities.add(new JobStoreActivitiesImpl(store));
    activities.add(new ReminderActivitiesImpl(ReminderSettings.defaults(), registry));
    worker.registerActivitiesImplementations(activities.toArray());
    env.start();
    return env;
  }

  /** Returns the job's status once it reaches the stage, skipping time by a second per look. */
  public static JobStatus awaitStage(TestWorkflowEnvironment env, JobWorkflow job, Stage stage) {
    for (int i = 0; i < 600; i++) {
      JobStatus status = job.status();
      if (status.stage() == stage) {
        return status;
      }
      env.sleep(Duration.ofSeconds(1));
    }
    throw new AssertionError("job did not reach " + stage + ": " + job.status());
  }
}
