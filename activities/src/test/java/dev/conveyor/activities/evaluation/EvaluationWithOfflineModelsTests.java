package dev.conveyor.activities.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conveyor.activities.artifact.ArtifactActivitiesImpl;
import dev.conveyor.activities.artifact.FileArtifactStore;
import dev.conveyor.activities.catalog.ModelCatalog;
import dev.conveyor.activities.coding.CodeActivitiesImpl;
import dev.conveyor.activities.generation.GenerationActivitiesImpl;
import dev.conveyor.activities.offline.OfflineSettings;
import dev.conveyor.activities.prompt.PromptActivitiesImpl;
import dev.conveyor.activities.qa.QaActivitiesImpl;
import dev.conveyor.activities.routing.RoutingActivitiesImpl;
import dev.conveyor.activities.testing.JobEnvironment;
import dev.conveyor.store.JdbcJobQueries;
import dev.conveyor.store.JdbcJobStoreWriter;
import dev.conveyor.store.testing.TestPostgres;
import dev.conveyor.workflow.evaluation.EvaluationProgress;
import dev.conveyor.workflow.evaluation.EvaluationRequest;
import dev.conveyor.workflow.evaluation.EvaluationStage;
import dev.conveyor.workflow.evaluation.EvaluationWorkflow;
import dev.conveyor.workflow.evaluation.GoldenSets;
import dev.conveyor.workflow.model.ArtifactRef;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.temporal.client.WorkflowOptions;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped golden set ({@code eval/golden.jsonl}) on the offline models, with every real piece:
 * the job and evaluation workflows, the pipeline's activities, the job store on PostgreSQL and the
 * report activity. The report it writes is kept in {@code target/evaluation-report.md}.
 */
class EvaluationWithOfflineModelsTests {

  private static final Path GOLDEN_SET = Path.of("../eval/golden.jsonl");

  @TempDir Path artifacts;

  @Test
  void should_run_the_shipped_golden_set_on_two_profiles_and_report_on_the_job_stores_records()
      throws Exception {
    // given
    TestPostgres.Database database = TestPostgres.migratedDatabase();
    OfflineSettings offline = new OfflineSettings(0, Duration.ZERO);
    ModelCatalog catalog =
        ModelCatalog.create(Map.of(), offline, name -> null)
            .withProfiles(Map.of("economy", ModelCatalog.create(Map.of(), offline, name -> null)));
    FileArtifactStore store = new FileArtifactStore(artifacts);
    TestWorkflowEnvironment env =
        JobEnvironment.start(
            TestEnvironmentOptions.getDefaultInstance(),
            "evaluation-test",
            new JdbcJobStoreWriter(database.dataSource()),
            new SimpleMeterRegistry(),
            new ArtifactActivitiesImpl(store),
            new RoutingActivitiesImpl(catalog),
            new PromptActivitiesImpl(store, catalog),
            new GenerationActivitiesImpl(store, catalog),
            new QaActivitiesImpl(store, catalog, offline),
            new CodeActivitiesImpl(store, catalog, offline),
            new EvaluationActivitiesImpl(store, new JdbcJobQueries(database.dataSource())));
    String jsonl = Files.readString(GOLDEN_SET, StandardCharsets.UTF_8);
    int cases = GoldenSets.parse(jsonl).size();
    ArtifactRef golden = store.put(jsonl.getBytes(StandardCharsets.UTF_8), "application/jsonl");
    EvaluationWorkflow evaluation =
        env.getWorkflowClient()
            .newWorkflowStub(
                EvaluationWorkflow.class,
                WorkflowOptions.newBuilder()
                    .setWorkflowId("eval-offline")
                    .setTaskQueue("evaluation-test")
                    .build());

    // when
    EvaluationProgress result =
        evaluation.run(
            new EvaluationRequest(golden, cases, List.of("default", "economy"), 4, null, "ci"));
    env.close();

    // then
    assertThat(cases).isGreaterThanOrEqualTo(20);
    assertThat(result.stage()).isEqualTo(EvaluationStage.DONE);
    assertThat(result.done()).isEqualTo(Map.of("default", cases, "economy", cases));
    String markdown = store.readText(result.report().markdown());
    assertThat(markdown)
        .contains("# Evaluation eval-offline")
        .contains("| eval-offline-economy-" + cases + " |");
    assertThat(store.readText(result.report().html())).contains("<svg").doesNotContain("<script");
    assertThat(store.readText(result.report().json())).contains("\"verdictProfile\"");
    assertThat(result.report().verdict()).startsWith("default: the cheapest profile");
    Files.writeString(Path.of("target/evaluation-report.md"), markdown, StandardCharsets.UTF_8);
  }
}
