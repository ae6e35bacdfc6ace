package dev.conveyor.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.conveyor.workflow.JobScenarios.Played;
import dev.conveyor.workflow.JobScenarios.Scenario;
import io.temporal.common.WorkflowExecutionHistory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Records the history of every {@link JobScenarios scenario} into {@code
 * src/test/resources/histories}, for {@link JobWorkflowReplayTests}. It runs only when asked:
 *
 * <pre>
 * mvn -B -pl workflows test -Dconveyor.recordHistories=true -Dtest=JobHistoryRecorder
 * </pre>
 *
 * <p>It never overwrites a history: a committed history is the guard of the workflow code that
 * produced it, so only missing ones are written (delete a file to record it again, see the folder's
 * README).
 */
@EnabledIfSystemProperty(named = "conveyor.recordHistories", matches = "true")
class JobHistoryRecorder {

  /** The folder the histories are written to, relative to the module. */
  static final Path HISTORIES =
      Path.of(System.getProperty("conveyor.historiesDir", "src/test/resources/histories"));

  static List<Scenario> scenarios() {
    return JobScenarios.all();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("scenarios")
  void should_record_the_history_of_the_scenario(Scenario scenario) throws IOException {
    // given
    Path file = HISTORIES.resolve(scenario.name() + ".json");
    assumeFalse(Files.exists(file), () -> file + " is committed already; it is kept");

    // when
    Played played = JobScenarios.play(scenario);
    Files.createDirectories(HISTORIES);
    Files.writeString(file, played.history().toJson(true) + "\n", StandardCharsets.UTF_8);

    // then
    WorkflowExecutionHistory written =
        WorkflowExecutionHistory.fromJson(Files.readString(file, StandardCharsets.UTF_8));
    assertThat(written.getEvents()).isEqualTo(played.history().getEvents());
  }
}
