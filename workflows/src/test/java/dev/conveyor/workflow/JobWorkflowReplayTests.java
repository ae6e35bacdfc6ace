package dev.conveyor.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.conveyor.workflow.JobScenarios.Played;
import dev.conveyor.workflow.JobScenarios.Scenario;
import io.temporal.testing.WorkflowReplayer;
import io.temporal.worker.NonDeterministicException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The guard for workflow changes: every history committed under {@code
 * src/test/resources/histories} must replay against the current {@link JobWorkflowImpl}. A change
 * that breaks one needs versioning ({@code Workflow.getVersion}), never a re-recorded history.
 */
class JobWorkflowReplayTests {

  static List<Path> committedHistories() {
    URL folder = JobWorkflowReplayTests.class.getResource("/histories");
    if (folder == null) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(Path.of(folder.toURI()))) {
      return files.filter(f -> f.getFileName().toString().endsWith(".json")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  static List<Scenario> scenarios() {
    return JobScenarios.all();
  }

  @Test
  void should_have_a_committed_history_for_every_scenario() {
    // given
    List<String> committed = new ArrayList<>();
    committedHistories().forEach(f -> committed.add(f.getFileName().toString()));

    // then
    assertThat(committed).as("histories in src/test/resources/histories").isNotEmpty();
    assertThat(committed).containsAll(scenarios().stream().map(s -> s.name() + ".json").toList());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("committedHistories")
  void should_replay_a_committed_history(Path history) throws Exception {
    // when, then: the replayer throws when the code no longer produces the recorded commands
    WorkflowReplayer.replayWorkflowExecution(history.toFile(), JobWorkflowImpl.class);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("scenarios")
  void should_replay_a_fresh_history_of_the_scenario(Scenario scenario) throws Exception {
    // given
    Played played = JobScenarios.play(scenario);

    // when, then
    assertThat(played.status().stage()).isEqualTo(scenario.expected());
    WorkflowReplayer.replayWorkflowExecution(played.history(), JobWorkflowImpl.class);
  }

  @Test
  void should_fail_to_replay_when_the_workflow_calls_its_activities_in_another_order() {
    // given
    Path history =
        committedHistories().stream()
            .filter(f -> f.getFileName().toString().equals("approved-first-time.json"))
            .findFirst()
            .orElseThrow();

    // when, then: the replayer reports the mismatch between the recorded activity and the new one
    assertThatThrownBy(
            () ->
                WorkflowReplayer.replayWorkflowExecution(
                    history.toFile(), ReorderedJobWorkflow.class))
        .hasMessageContaining(NonDeterministicException.class.getName())
        .hasMessageContaining("[TMPRL1100]")
        .hasMessageContaining("activityType")
        .hasMessageContaining("\"StoreText\"")
        .hasMessageContaining("\"DescribeRoutes\"");
  }
}
