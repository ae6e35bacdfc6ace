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
import dev.conveyor.activities.testing.Models;
import dev.conveyor.activities.testing.ScriptedServer;
import dev.conveyor.activities.testing.Wire;
import dev.conveyor.store.JdbcJobQueries;
import dev.conveyor.store.JdbcJobStoreWriter;
import dev.conveyor.store.testing.TestPostgres;
import dev.conveyor.workflow.evaluation.EvaluationProgress;
import dev.conveyor.workflow.evaluation.EvaluationRequest;
import dev.conveyor.workflow.evaluation.EvaluationStage;
import dev.conveyor.workflow.evaluation.EvaluationWorkflow;
import dev.conveyor.workflow.evaluation.GoldenSets;
import dev.conveyor.workflow.model.ArtifactRef;
import dev.conveyor.workflow.model.Step;
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
 * Evaluations with every real piece: the job and evaluation workflows, the pipeline's activities,
 * the job store on PostgreSQL and the report activity; the models are the offline ones, or a
 * scripted OpenAI-compatible server behind the real LangChain4j client.
 */
class EvaluationEndToEndTests {

  private static final Path GOLDEN_SET = Path.of("../eval/golden.jsonl");
  private static final OfflineSettings OFFLINE = new OfflineSettings(0, Duration.ZERO);

  @TempDir Path artifacts;

  @Test
  void should_run_the_shipped_golden_set_on_two_profiles_and_report_on_the_job_stores_records()
      throws Exception {
    // given the default and economy profiles, both on the offline models
    ModelCatalog catalog = offline().withProfiles(Map.of("economy", offline()));
    String jsonl = Files.readString(GOLDEN_SET, StandardCharsets.UTF_8);
    int cases = GoldenSets.parse(jsonl).size();

    // when
    EvaluationProgress result = evaluate(catalog, jsonl, 4);

    // then every case ran on both, and the report stands in three formats
    assertThat(cases).isGreaterThanOrEqualTo(20);
    assertThat(result.stage()).isEqualTo(EvaluationStage.DONE);
    assertThat(result.done()).isEqualTo(Map.of("default", cases, "economy", cases));
    String markdown = read(result.report().markdown());
    assertThat(markdown)
        .contains("# Evaluation eval-e2e")
        .contains("| eval-e2e-economy-" + cases + " |");
    assertThat(read(result.report().html())).contains("<svg").doesNotContain("<script");
    assertThat(read(result.report().json())).contains("\"verdictProfile\"");
    assertThat(result.report().verdict()).startsWith("default: the cheapest profile");
    Files.writeString(Path.of("target/evaluation-report.md"), markdown, StandardCharsets.UTF_8);
  }

  @Test
  void should_report_that_the_profile_whose_judge_fails_more_is_worse_and_pick_the_other()
      throws Exception {
    try (ScriptedServer server = new ScriptedServer()) {
      // given: default's judge passes every output; economy's fails each first attempt
      server.script(
          "judge-large",
          Wire.openAiChat("judge-large", Wire.verdict(true, 0.9, "ok"), "stop", 900, 60));
      server.script(
          "judge-small",
          Wire.openAiChat("judge-small", Wire.verdict(false, 0.3, "too vague"), "stop", 900, 60),
          Wire.openAiChat("judge-small", Wire.verdict(true, 0.8, "ok"), "stop", 900, 60),
          Wire.openAiChat("judge-small", Wire.verdict(false, 0.3, "too vague"), "stop", 900, 60),
          Wire.openAiChat("judge-small", Wire.verdict(true, 0.8, "ok"), "stop", 900, 60));
      ModelCatalog catalog =
          judgedBy(server, "judge-large")
              .withProfiles(Map.of("economy", judgedBy(server, "judge-small")));
      String jsonl =
          """
          {"requirements": "A two-sentence product blurb for a stainless steel water bottle that keeps drinks cold for 24 hours.", "kind": "TEXT", "expected": "pass"}
          {"requirements": "A short welcome message for a recipe app about weekly meal plans and shopping lists.", "kind": "TEXT", "expected": "pass"}
          """;

      // when, one job at a time, so that the small judge's script meets the cases in order
      EvaluationProgress result = evaluate(catalog, jsonl, 1);

      // then
      assertThat(result.stage()).isEqualTo(EvaluationStage.DONE);
      String markdown = read(result.report().markdown());
      assertThat(markdown)
          .contains("| default | 2 | 100.0% | 100.0% | 0.90 | 1.00 |")
          .contains("| economy | 2 | 0.0% | 100.0% | 0.30 | 2.00 |");
      assertThat(result.report().verdict()).startsWith("default: the cheapest profile");
      assertThat(server.requestsFor("judge-small")).hasSize(4);
    }
  }

  private EvaluationProgress evaluate(ModelCatalog catalog, String jsonl, int concurrency) {
    TestPostgres.Database database = TestPostgres.migratedDatabase();
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
            new QaActivitiesImpl(store, catalog, OFFLINE),
            new CodeActivitiesImpl(store, catalog, OFFLINE),
            new EvaluationActivitiesImpl(store, new JdbcJobQueries(database.dataSource())));
    ArtifactRef golden = store.put(jsonl.getBytes(StandardCharsets.UTF_8), "application/jsonl");
    EvaluationWorkflow evaluation =
        env.getWorkflowClient()
            .newWorkflowStub(
                EvaluationWorkflow.class,
                WorkflowOptions.newBuilder()
                    .setWorkflowId("eval-e2e")
                    .setTaskQueue("evaluation-test")
                    .build());
    try {
      return evaluation.run(
          new EvaluationRequest(
              golden,
              GoldenSets.parse(jsonl).size(),
              List.of("default", "economy"),
              concurrency,
              null,
              "ci"));
    } finally {
      env.close();
    }
  }

  private String read(ArtifactRef ref) {
    return new FileArtifactStore(artifacts).readText(ref);
  }

  private static ModelCatalog offline() {
    return ModelCatalog.create(Map.of(), OFFLINE, name -> null);
  }

  private static ModelCatalog judgedBy(ScriptedServer server, String judge) {
    return ModelCatalog.create(
        Map.of(Step.TEXT_QA, Models.openAi(server, judge)), OFFLINE, Models.KEYS);
  }
}
