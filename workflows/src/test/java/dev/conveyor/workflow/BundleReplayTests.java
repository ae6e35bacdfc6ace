package dev.conveyor.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conveyor.workflow.BundleScenarios.Scenario;
import dev.conveyor.workflow.model.BundleStage;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.testing.WorkflowReplayer;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The guard for changes of the bundle workflow: each committed bundle history (recorded before and
 * after the bundle's projection into the job store) replays against the current {@link
 * BundleWorkflowImpl}, and so does a fresh one (the history of one of each bundle's parts is
 * replayed with the job histories by {@link JobWorkflowReplayTests}).
 */
class BundleReplayTests {

  static List<Scenario> scenarios() {
    return BundleScenarios.ALL;
  }

  static List<Scenario> committed() {
    return BundleScenarios.COMMITTED;
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @MethodSource("committed")
  void should_replay_the_committed_bundle_history(Scenario scenario) throws Exception {
    // given
    URL history = getClass().getResource("/histories/bundles/" + scenario.bundleHistory());
    assertThat(history).as("the committed bundle history " + scenario.bundleHistory()).isNotNull();

    // The children's ids derive from the bundle's, so the replay takes the recorded workflow id
    // (the replayer's own default id would change every child id).
    WorkflowExecutionHistory recorded =
        WorkflowExecutionHistory.fromJson(
            Files.readString(Path.of(history.toURI()), StandardCharsets.UTF_8),
            scenario.bundleId());

    // when, then: the replayer throws when the code no longer produces the recorded commands
    WorkflowReplayer.replayWorkflowExecution(recorded, BundleWorkflowImpl.class);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("scenarios")
  void should_have_committed_the_history_of_a_bundle_s_part(Scenario scenario) {
    assertThat(getClass().getResource("/histories/" + scenario.partHistory())).isNotNull();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("scenarios")
  void should_replay_fresh_histories_of_the_bundle_and_its_part(Scenario scenario)
      throws Exception {
    // given
    BundleScenarios.Played played = BundleScenarios.play(scenario);

    // when, then
    assertThat(played.status().stage()).isEqualTo(BundleStage.APPROVED);
    WorkflowReplayer.replayWorkflowExecution(played.bundle(), BundleWorkflowImpl.class);
    WorkflowReplayer.replayWorkflowExecution(played.part(), JobWorkflowImpl.class);
  }
}
