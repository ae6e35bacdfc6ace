package dev.conveyor.activities.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conveyor.store.JdbcJobStoreWriter;
import dev.conveyor.store.testing.TestPostgres;
import dev.conveyor.workflow.JobSearchAttributes;
import dev.conveyor.workflow.JobWorkflow;
import dev.conveyor.workflow.JobWorkflowImpl;
import dev.conveyor.workflow.model.JobRequest;
import dev.conveyor.workflow.model.OutputKind;
import dev.conveyor.workflow.model.Stage;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.client.WorkflowOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import org.junit.jupiter.api.Test;

/**
 * A store write that fails on every attempt is visible: counted in {@value
 * StoreWriteFailures#METRIC} and remembered as a job whose record is behind, until a write of the
 * same job succeeds.
 */
class StoreWriteFailuresTests {

  @Test
  void should_count_a_write_that_fails_for_good_and_name_the_job_behind() {
    // given: a job sent straight through Temporal with a text PostgreSQL cannot store
    TestPostgres.Database database = TestPostgres.migratedDatabase();
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    StoreWriteFailures failures = new StoreWriteFailures(registry);
    TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance();
    JobSearchAttributes.ALL.forEach(
        key ->
            env.registerSearchAttribute(
                key.getName(), IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD));
    Worker worker = env.newWorker("store-failures");
    worker.registerWorkflowImplementationTypes(JobWorkflowImpl.class);
    worker.registerActivitiesImplementations(
        new JobStoreActivitiesImpl(new JdbcJobStoreWriter(database.dataSource()), failures));
    env.start();
    JobWorkflow job =
        env.getWorkflowClient()
            .newWorkflowStub(
                JobWorkflow.class,
                WorkflowOptions.newBuilder()
                    .setWorkflowId("job-nul")
                    .setTaskQueue("store-failures")
                    .build());

    // when
    Stage state = job.run(JobRequest.builder("A haiku\u0000", OutputKind.TEXT).build()).state();
    env.close();

    // then
    assertThat(state).isEqualTo(Stage.FAILED);
    assertThat(registry.get(StoreWriteFailures.METRIC).counter().count()).isEqualTo(1.0);
    assertThat(failures.behind())
        .singleElement()
        .satisfies(
            behind -> {
              assertThat(behind.jobId()).isEqualTo("job-nul");
              assertThat(behind.sequence()).isEqualTo(1);
              assertThat(behind.error()).isNotBlank();
            });
  }

  @Test
  void should_forget_a_job_once_a_write_of_it_succeeds() {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    StoreWriteFailures failures = new StoreWriteFailures(registry);

    failures.failedForGood("job-a", 3, new IllegalStateException("store down"));
    failures.failedForGood(
        "job-b", 1, new IllegalStateException("wrapper", new RuntimeException("root")));
    failures.written("job-a");

    assertThat(failures.behind())
        .extracting(StoreWriteFailures.Behind::jobId)
        .containsExactly("job-b");
    assertThat(failures.behind().get(0).error()).isEqualTo("root");
    assertThat(registry.get(StoreWriteFailures.METRIC).counter().count()).isEqualTo(2.0);
  }
}
