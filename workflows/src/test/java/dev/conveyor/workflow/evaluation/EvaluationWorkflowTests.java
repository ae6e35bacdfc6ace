package dev.conveyor.workflow.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.conveyor.workflow.JobWorkflow;
import dev.conveyor.workflow.model.Stage;
import dev.conveyor.workflow.testing.ActivityGate;
import dev.conveyor.workflow.testing.JobWorkflowHarness;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.failure.CanceledFailure;
import io.temporal.testing.WorkflowReplayer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The evaluation workflow: child jobs per case and profile, its limit, its report, its cancel. */
class EvaluationWorkflowTests {

  /** Where the committed evaluation histories live, relative to the module. */
  static final Path HISTORIES = Path.of("src/test/resources/histories/evaluations");

  private final JobWorkflowHarness harness = new JobWorkflowHarness();

  @AfterEach
  void closeEnvironment() {
    harness.close();
  }

  @Test
  void should_run_every_case_on_every_profile_within_the_limit_then_write_the_report() {
    // given
    ScriptedEvaluation activities = new ScriptedEvaluation(3);
    harness.start(activities);
    EvaluationWorkflow evaluation = evaluation("eval-1");

    // when
    EvaluationProgress result = evaluation.run(request(3, List.of("default", "economy"), 2));

    // then every case ran on both profiles, as jobs no human approves
    assertThat(result.stage()).isEqualTo(EvaluationStage.DONE);
    assertThat(result.done()).isEqualTo(Map.of("default", 3, "economy", 3));
    assertThat(result.approved()).isEqualTo(Map.of("default", 3, "economy", 3));
    assertThat(result.running()).isZero();
    assertThat(result.report().verdict()).startsWith("economy");
    assertThat(activities.mostGeneratingAtOnce()).isBetween(1, 2);

    // and the report activity got every run, ordered by case then profile
    ReportRequest report = activities.reports().get(0);
    assertThat(report.goldenSet()).isEqualTo(ScriptedEvaluation.GOLDEN_SET);
    assertThat(report.marginPoints()).isEqualTo(5.0);
    assertThat(report.runs())
        .extracting(CaseRun::jobId)
        .containsExactly(
            "eval-1-default-1",
            "eval-1-economy-1",
            "eval-1-default-2",
            "eval-1-economy-2",
            "eval-1-default-3",
            "eval-1-economy-3");
    assertThat(report.runs())
        .filteredOn(run -> run.profile().equals("economy"))
        .extracting(CaseRun::qaAttempts)
        .containsOnly(3);
    assertThat(activities.generations())
        .extracting(generation -> generation.profile())
        .containsOnly("default", "economy");
    assertThat(evaluation.progress().stage()).isEqualTo(EvaluationStage.DONE);
  }

  @Test
  void should_cancel_the_running_child_jobs_and_write_no_report_when_cancelled() {
    // given
    ActivityGate generation = new ActivityGate();
    ScriptedEvaluation activities = new ScriptedEvaluation(4).holdGenerations(generation);
    harness.start(activities);
    EvaluationWorkflow evaluation = evaluation("eval-cancelled");
    WorkflowClient.start(evaluation::run, request(4, List.of("default", "economy"), 3));
    generation.awaitArrival();

    // when
    WorkflowStub stub = WorkflowStub.fromTyped(evaluation);
    try {
      stub.cancel();
      assertThatThrownBy(() -> stub.getResult(EvaluationProgress.class))
          .isInstanceOf(WorkflowFailedException.class)
          .hasCauseInstanceOf(CanceledFailure.class);
    } finally {
      generation.open();
    }
    EvaluationProgress result = evaluation.progress();

    // then
    assertThat(result.stage()).isEqualTo(EvaluationStage.CANCELLED);
    assertThat(result.running()).isZero();
    assertThat(activities.reports()).isEmpty();
    assertThat(result.done().values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(3);
    for (String child :
        List.of(
            "eval-cancelled-default-1", "eval-cancelled-economy-1", "eval-cancelled-default-2")) {
      JobWorkflow job = harness.client().newWorkflowStub(JobWorkflow.class, child);
      assertThat(job.status().stage()).isEqualTo(Stage.CANCELLED);
    }
  }

  @Test
  void should_end_failed_naming_the_field_when_the_request_is_invalid() {
    // given
    harness.start(new ScriptedEvaluation(1));

    // when
    EvaluationProgress result =
        evaluation("eval-invalid").run(request(1, List.of("default", "default"), 0));

    // then
    assertThat(result.stage()).isEqualTo(EvaluationStage.FAILED);
    assertThat(result.reason())
        .contains("profiles[1]: names default twice")
        .contains("concurrency: must be between 1 and 50");
  }

  @Test
  void should_replay_the_committed_history_of_an_evaluation() throws Exception {
    // given: the history of a two-case, two-profile run, recorded from the run below
    Path committed = HISTORIES.resolve("two-profiles.json");
    if (Boolean.getBoolean("conveyor.recordHistories") && !Files.exists(committed)) {
      harness.start(new ScriptedEvaluation(2));
      EvaluationWorkflow evaluation = evaluation("eval-two-profiles");
      evaluation.run(request(2, List.of("default", "economy"), 2));
      Files.createDirectories(HISTORIES);
      Files.writeString(
          committed,
          harness.client().fetchHistory("eval-two-profiles").toJson(true) + "\n",
          StandardCharsets.UTF_8);
    }

    // when, then: the replayer throws when the code no longer makes the recorded commands
    assertThat(committed).exists();
    // The child jobs' ids derive from the evaluation's own, so the history keeps its workflow id.
    WorkflowExecutionHistory history =
        WorkflowExecutionHistory.fromJson(
            Files.readString(committed, StandardCharsets.UTF_8), "eval-two-profiles");
    WorkflowReplayer.replayWorkflowExecution(history, EvaluationWorkflowImpl.class);
  }

  private EvaluationWorkflow evaluation(String id) {
    return harness
        .client()
        .newWorkflowStub(
            EvaluationWorkflow.class,
            WorkflowOptions.newBuilder()
                .setWorkflowId(id)
                .setTaskQueue(JobWorkflowHarness.TASK_QUEUE)
                .build());
  }

  private static EvaluationRequest request(int cases, List<String> profiles, int concurrency) {
    return new EvaluationRequest(
        ScriptedEvaluation.GOLDEN_SET, cases, profiles, concurrency, null, "alice");
  }
}
