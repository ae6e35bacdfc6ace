package dev.conveyor.client.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.conveyor.workflow.JobWorkflow;
import dev.conveyor.workflow.JobWorkflowImpl;
import dev.conveyor.workflow.model.Decision;
import dev.conveyor.workflow.model.DecisionAction;
import dev.conveyor.workflow.model.JobRequest;
import dev.conveyor.workflow.model.JobResult;
import dev.conveyor.workflow.model.OutputKind;
import dev.conveyor.workflow.model.ReviewDecision;
import dev.conveyor.workflow.model.Stage;
import dev.conveyor.workflow.testing.JobWorkflowHarness;
import dev.conveyor.workflow.testing.ScriptedActivities;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.WorkflowReplayer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A job run end to end with the codec on (a QA failure, a rejection that asks for a new revision,
 * an approval by update), then its recorded history searched for the job's text and replayed.
 */
class EncryptedJobHistoryTests {

  private static final String REQUIREMENTS = "Announce the Zephyr-9 kettle to wholesale buyers";
  private static final String CRITERION = "mentions the Kestrel warranty";
  private static final String QA_FEEDBACK = "forgot the Marigold discount code";
  private static final String REJECTION = "please cite the Halcyon study";
  private static final String APPROVAL = "lovely, ship it to Quokka Ltd";

  /** Every text of the job; the scripted prompt and output start with these too. */
  private static final List<String> JOB_TEXT =
      List.of(REQUIREMENTS, CRITERION, QA_FEEDBACK, REJECTION, APPROVAL);

  @Test
  void should_record_a_history_holding_none_of_the_jobs_text_when_the_codec_is_on()
      throws Exception {
    CodecKeys keys = TestKeys.of("2026-11");
    Run run = runJob(keys);

    // the decisions took effect with the codec on
    assertThat(run.result.state()).isEqualTo(Stage.APPROVED);
    assertThat(run.result.decidedBy()).isEqualTo("alice");
    assertThat(run.result.revisions()).isEqualTo(1);

    // and no payload, summary, detail or failure of the history holds the job's text
    for (String text : JOB_TEXT) {
      assertThat(contains(run.history, text)).as("history holds '%s'", text).isFalse();
    }
    assertThat(contains(run.history, "binary/encrypted")).isTrue();
  }

  @Test
  void should_record_the_jobs_text_readable_when_the_codec_is_off() throws Exception {
    Run run = runJob(CodecKeys.none());

    assertThat(run.result.state()).isEqualTo(Stage.APPROVED);
    for (String text : JOB_TEXT) {
      assertThat(contains(run.history, text)).as("history holds '%s'", text).isTrue();
    }
  }

  @Test
  void should_replay_an_encrypted_history_with_the_keys_and_not_without_them() throws Exception {
    CodecKeys keys = TestKeys.of("2026-11");
    WorkflowExecutionHistory history = runJob(keys).history;

    try (TestWorkflowEnvironment withKeys = environment(keys)) {
      WorkflowReplayer.replayWorkflowExecution(history, withKeys, JobWorkflowImpl.class);
    }
    // After a rotation, the old key still reads the job.
    try (TestWorkflowEnvironment rotated = environment(TestKeys.of("2026-11", "2027-05"))) {
      WorkflowReplayer.replayWorkflowExecution(history, rotated, JobWorkflowImpl.class);
    }
    try (TestWorkflowEnvironment withoutKeys = environment(CodecKeys.none())) {
      assertThatThrownBy(
              () ->
                  WorkflowReplayer.replayWorkflowExecution(
                      history, withoutKeys, JobWorkflowImpl.class))
          .as("the history cannot be read without the key")
          .hasStackTraceContaining(
              "No PayloadConverter is registered for an encoding: binary/encrypted");
    }
  }

  private record Run(JobResult result, WorkflowExecutionHistory history) {}

  private static Run runJob(CodecKeys keys) {
    ScriptedActivities activities =
        new ScriptedActivities()
            .judgeWith(
                request ->
                    request.revision() == 0 && request.attempt() == 1
                        ? ScriptedActivities.fail(QA_FEEDBACK)
                        : ScriptedActivities.pass(0.9));
    try (JobWorkflowHarness harness = new JobWorkflowHarness(options(keys))) {
      harness.start(activities);
      JobWorkflow job =
          harness.submit(JobRequest.of(REQUIREMENTS, OutputKind.TEXT, List.of(CRITERION)));
      harness.awaitStage(job, Stage.AWAITING_APPROVAL);
      job.reject(new Decision("bob", REJECTION, true));
      harness.awaitStatus(
          job,
          status -> status.stage() == Stage.AWAITING_APPROVAL && status.revision() == 1,
          "revision 1 awaiting approval");
      job.decide(new ReviewDecision(DecisionAction.APPROVE, "alice", APPROVAL, null));
      JobResult result = harness.result(job);
      return new Run(result, harness.history(job));
    }
  }

  private static TestEnvironmentOptions options(CodecKeys keys) {
    return TestEnvironmentOptions.newBuilder()
        .setWorkflowClientOptions(
            WorkflowClientOptions.newBuilder()
                .setDataConverter(ConveyorDataConverter.create(keys))
                .build())
        .build();
  }

  private static TestWorkflowEnvironment environment(CodecKeys keys) {
    return TestWorkflowEnvironment.newInstance(options(keys));
  }

  /**
   * Returns whether the history holds the text: in its JSON (names, messages) or in the raw bytes
   * of its events (payload data).
   */
  private static boolean contains(WorkflowExecutionHistory history, String text) {
    String raw = new String(history.getHistory().toByteArray(), StandardCharsets.ISO_8859_1);
    String utf8Bytes =
        new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
    return history.toJson(false).contains(text) || raw.contains(utf8Bytes);
  }
}
