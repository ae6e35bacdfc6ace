package dev.conveyor.activities.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conveyor.activities.artifact.ArtifactActivitiesImpl;
import dev.conveyor.activities.artifact.FileArtifactStore;
import dev.conveyor.activities.catalog.ModelCatalog;
import dev.conveyor.activities.generation.GenerationActivitiesImpl;
import dev.conveyor.activities.offline.OfflineSettings;
import dev.conveyor.activities.prompt.PromptActivitiesImpl;
import dev.conveyor.activities.qa.QaActivitiesImpl;
import dev.conveyor.activities.routing.RoutingActivitiesImpl;
import dev.conveyor.activities.testing.JobEnvironment;
import dev.conveyor.store.JdbcJobQueries;
import dev.conveyor.store.JdbcJobStoreWriter;
import dev.conveyor.store.JobDetail;
import dev.conveyor.store.TimelineEvent;
import dev.conveyor.store.testing.StoreWrites;
import dev.conveyor.store.testing.TestPostgres;
import dev.conveyor.workflow.JobWorkflow;
import dev.conveyor.workflow.activity.JobEventType;
import dev.conveyor.workflow.activity.JobStoreActivities;
import dev.conveyor.workflow.activity.JobStoreWrite;
import dev.conveyor.workflow.model.ApprovalPolicy;
import dev.conveyor.workflow.model.JobRequest;
import dev.conveyor.workflow.model.JobResult;
import dev.conveyor.workflow.model.JobStatus;
import dev.conveyor.workflow.model.OutputKind;
import dev.conveyor.workflow.model.Stage;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.temporal.activity.ActivityOptions;
import io.temporal.client.WorkflowOptions;
import io.temporal.testing.TestActivityEnvironment;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The job store activity on a real PostgreSQL: alone, and under a whole job. */
class JobStoreActivitiesTests {

  @TempDir Path artifacts;

  @Test
  void should_store_a_write_once_when_temporal_delivers_it_twice() {
    // given
    TestPostgres.Database database = TestPostgres.migratedDatabase();
    JdbcJobQueries queries = new JdbcJobQueries(database.dataSource());
    TestActivityEnvironment env = TestActivityEnvironment.newInstance();
    env.registerActivitiesImplementations(
        new JobStoreActivitiesImpl(new JdbcJobStoreWriter(database.dataSource())));
    JobStoreActivities activity =
        env.newActivityStub(
            JobStoreActivities.class,
            ActivityOptions.newBuilder().setStartToCloseTimeout(Duration.ofSeconds(10)).build());
    StoreWrites job =
        StoreWrites.job("job-twice", "shop", List.of("a"), Instant.parse("2026-03-01T09:00:00Z"));
    JobStoreWrite submitted = job.submitted();
    JobStoreWrite generated = job.generated(true);

    // when
    activity.project(submitted);
    activity.project(generated);
    JobDetail once = queries.find("job-twice").orElseThrow();
    activity.project(generated);
    activity.project(submitted);

    // then
    JobDetail twice = queries.find("job-twice").orElseThrow();
    assertThat(twice).isEqualTo(once);
    assertThat(twice.summary().stage()).isEqualTo(Stage.QA);
    assertThat(twice.timeline()).hasSize(4);
    env.close();
  }

  @Test
  void should_land_a_whole_job_with_its_calls_verdicts_and_decision_in_the_store() {
    // given
    TestPostgres.Database database = TestPostgres.migratedDatabase();
    JdbcJobQueries queries = new JdbcJobQueries(database.dataSource());
    OfflineSettings offline = new OfflineSettings(1, Duration.ZERO);
    ModelCatalog catalog = ModelCatalog.create(Map.of(), offline, name -> null);
    FileArtifactStore store = new FileArtifactStore(artifacts);
    TestWorkflowEnvironment env =
        JobEnvironment.start(
            TestEnvironmentOptions.getDefaultInstance(),
            "store-test",
            new JdbcJobStoreWriter(database.dataSource()),
            new SimpleMeterRegistry(),
            new ArtifactActivitiesImpl(store),
            new RoutingActivitiesImpl(catalog),
            new PromptActivitiesImpl(store, catalog),
            new GenerationActivitiesImpl(store, catalog),
            new QaActivitiesImpl(store, catalog, offline));
    JobWorkflow job =
        env.getWorkflowClient()
            .newWorkflowStub(
                JobWorkflow.class,
                WorkflowOptions.newBuilder()
                    .setWorkflowId("job-whole")
                    .setTaskQueue("store-test")
                    .build());

    // when
    JobResult result =
        job.run(
            JobRequest.builder(
                    "A short welcome message for a recipe app about weekly meal plans",
                    OutputKind.TEXT)
                .approvalPolicy(ApprovalPolicy.WHEN_QA_FAILS)
                .submitter("shop")
                .tags(List.of("welcome"))
                .build());
    JobStatus status = job.status();
    env.close();

    // then
    assertThat(result.state()).isEqualTo(Stage.APPROVED);
    JobDetail stored = queries.find("job-whole").orElseThrow();
    assertThat(stored.summary().stage()).isEqualTo(Stage.APPROVED);
    assertThat(stored.summary().submitter()).isEqualTo("shop");
    assertThat(stored.summary().tags()).containsExactly("welcome");
    assertThat(stored.summary().costUsd()).isEqualByComparingTo(status.costUsd());
    assertThat(stored.attempts()).isEqualTo(status.attempts());
    assertThat(stored.calls()).isEqualTo(status.calls());
    assertThat(stored.decisions()).isEqualTo(status.decisions());
    assertThat(stored.output()).isEqualTo(status.output());
    assertThat(stored.timeline())
        .extracting(TimelineEvent::type)
        .startsWith(JobEventType.SUBMITTED, JobEventType.STAGE)
        .endsWith(JobEventType.DECISION, JobEventType.FINISHED)
        .contains(JobEventType.QA_VERDICT, JobEventType.MODEL_CALL);
    assertThat(stored.timeline().get(stored.timeline().size() - 1).actor()).isEqualTo("policy");
  }
}
