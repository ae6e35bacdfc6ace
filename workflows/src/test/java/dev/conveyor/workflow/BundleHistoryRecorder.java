package dev.conveyor.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.conveyor.workflow.BundleScenarios.Scenario;
import io.temporal.common.WorkflowExecutionHistory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Records the histories of the {@link BundleScenarios bundle scenarios}: each bundle's into {@code
 * src/test/resources/histories/bundles}, one of its parts' into {@code histories}, for {@link
 * BundleReplayTests} and {@link JobWorkflowReplayTests}. It runs only when asked:
 *
 * <pre>
 * mvn -B -pl workflows test -Dconveyor.recordHistories=true -Dtest=BundleHistoryRecorder
 * </pre>
 *
 * <p>Like {@link JobHistoryRecorder}, it never overwrites a committed history.
 */
@EnabledIfSystemProperty(named = "conveyor.recordHistories", matches = "true")
class BundleHistoryRecorder {

  static List<Scenario> scenarios() {
    return BundleScenarios.ALL;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("scenarios")
  void should_record_the_histories_of_the_bundle_and_its_part(Scenario scenario)
      throws IOException {
    // given
    Path bundleFile =
        JobHistoryRecorder.HISTORIES.resolve("bundles").resolve(scenario.bundleHistory());
    Path partFile = JobHistoryRecorder.HISTORIES.resolve(scenario.partHistory());
    assumeFalse(
        Files.exists(bundleFile) || Files.exists(partFile),
        "the histories of " + scenario.bundleId() + " are committed already; they are kept");

    // when
    BundleScenarios.Played played = BundleScenarios.play(scenario);
    Files.createDirectories(bundleFile.getParent());
    Files.writeString(bundleFile, played.bundle().toJson(true) + "\n", StandardCharsets.UTF_8);
    Files.writeString(partFile, played.part().toJson(true) + "\n", StandardCharsets.UTF_8);

    // then
    assertThat(read(bundleFile).getEvents()).isEqualTo(played.bundle().getEvents());
    assertThat(read(partFile).getEvents()).isEqualTo(played.part().getEvents());
  }

  /**
   * Records the path's history with the bundle's projection into the job store; the history
   * recorded before the projection existed is kept as it is.
   */
  @Test
  void should_record_the_history_of_the_projected_bundle() throws IOException {
    // given
    Path file =
        JobHistoryRecorder.HISTORIES
            .resolve("bundles")
            .resolve(BundleScenarios.LANDING_PAGE_PROJECTED.bundleHistory());
    assumeFalse(Files.exists(file), "the projected bundle history is committed already");

    // when
    BundleScenarios.Played played = BundleScenarios.play(BundleScenarios.LANDING_PAGE_PROJECTED);
    Files.writeString(file, played.bundle().toJson(true) + "\n", StandardCharsets.UTF_8);

    // then
    assertThat(read(file).getEvents()).isEqualTo(played.bundle().getEvents());
  }

  private static WorkflowExecutionHistory read(Path file) throws IOException {
    return WorkflowExecutionHistory.fromJson(Files.readString(file, StandardCharsets.UTF_8));
  }
}
