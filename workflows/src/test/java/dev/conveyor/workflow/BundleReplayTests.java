package dev.conveyor.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conveyor.workflow.model.BundleStage;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.testing.WorkflowReplayer;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The guard for changes of the bundle workflow: the committed bundle histories (recorded before and
 * after the bundle's projection into the job store) replay against the current {@link
 * BundleWorkflowImpl}, and so does a fresh one (the history of one of its parts is replayed with
 * the job histories by {@link JobWorkflowReplayTests}).
 */
class BundleReplayTests {

  @ParameterizedTest
  @ValueSource(strings = {BundleScenarios.BUNDLE_HISTORY, BundleScenarios.PROJECTED_HISTORY})
  void should_replay_the_committed_bundle_history(String file) throws Exception {
    // given
    URL history = getClass().getResource("/histories/bundles/" + file);
    assertThat(history).as("the committed bundle history " + file).isNotNull();

    // The children's ids derive from the bundle's, so the replay takes the recorded workflow id
    // (the replayer's own default id would change every child id).
    WorkflowExecutionHistory recorded =
        WorkflowExecutionHistory.fromJson(
            Files.readString(Path.of(history.toURI()), StandardCharsets.UTF_8),
            BundleScenarios.BUNDLE_ID);

    // when, then: the replayer throws when the code no longer produces the recorded commands
    WorkflowReplayer.replayWorkflowExecution(recorded, BundleWorkflowImpl.class);
  }

  @Test
  void should_have_committed_the_history_of_a_bundle_s_part() {
    assertThat(getClass().getResource("/histories/" + BundleScenarios.PART_HISTORY)).isNotNull();
  }

  @Test
  void should_replay_fresh_histories_of_the_bundle_and_its_part() throws Exception {
    // given
    BundleScenarios.Played played = BundleScenarios.play();

    // when, then
    assertThat(played.status().stage()).isEqualTo(BundleStage.APPROVED);
    WorkflowReplayer.replayWorkflowExecution(played.bundle(), BundleWorkflowImpl.class);
    WorkflowReplayer.replayWorkflowExecution(played.part(), JobWorkflowImpl.class);
  }
}
