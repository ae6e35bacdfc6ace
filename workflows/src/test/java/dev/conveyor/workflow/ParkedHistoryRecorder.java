package dev.conveyor.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.conveyor.workflow.model.Stage;
import dev.conveyor.workflow.testing.JobWorkflowHarness;
import dev.conveyor.workflow.testing.ScriptedActivities;
import io.temporal.common.WorkflowExecutionHistory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Records the history of a job that is still parked in AWAITING_APPROVAL, under the workflow code
 * of the commit it runs in: the first step of changing the workflow (see {@code
 * docs/evolving-workflows.md}). Run it before the change, with the name of the change:
 *
 * <pre>
 * ./mvnw -B -o -pl workflows test -Dtest=ParkedHistoryRecorder \
 *     -Dconveyor.recordParked=parked-before-my-change
 * </pre>
 *
 * <p>It writes {@code src/test/resources/histories/<name>.json} only when the file is missing.
 * {@link JobWorkflowReplayTests} replays it against every later version of the workflow, and {@link
 * ParkedJobUpgradeTests} checks that such a job is still parked when it replays.
 */
@EnabledIfSystemProperty(named = "conveyor.recordParked", matches = "[a-z0-9-]+")
class ParkedHistoryRecorder {

  @Test
  void should_record_the_history_of_a_job_parked_for_approval() throws IOException {
    // given
    Path file =
        JobHistoryRecorder.HISTORIES.resolve(System.getProperty("conveyor.recordParked") + ".json");
    assumeFalse(Files.exists(file), () -> file + " is committed already; it is kept");

    // when
    WorkflowExecutionHistory history;
    try (JobWorkflowHarness harness = new JobWorkflowHarness()) {
      harness.start(new ScriptedActivities());
      JobWorkflow job = harness.submit("job-parked", JobRequests.text());
      harness.awaitStage(job, Stage.AWAITING_APPROVAL);
      history = harness.history(job);
    }
    Files.createDirectories(file.getParent());
    Files.writeString(file, history.toJson(true) + "\n", StandardCharsets.UTF_8);

    // then
    WorkflowExecutionHistory written =
        WorkflowExecutionHistory.fromJson(Files.readString(file, StandardCharsets.UTF_8));
    assertThat(written.getEvents()).isEqualTo(history.getEvents());
  }
}
