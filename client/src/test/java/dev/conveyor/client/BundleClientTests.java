package dev.conveyor.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.conveyor.workflow.model.BundlePart;
import dev.conveyor.workflow.model.BundleRequest;
import dev.conveyor.workflow.model.FieldError;
import dev.conveyor.workflow.model.JobRequest;
import dev.conveyor.workflow.model.OutputKind;
import dev.conveyor.workflow.testing.JobWorkflowHarness;
import dev.conveyor.workflow.testing.ScriptedActivities;
import io.temporal.client.WorkflowClient;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The bundle client's idempotent start, on the in-process test server. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BundleClientTests {

  private JobWorkflowHarness harness;
  private WorkflowClient workflowClient;
  private BundleClient bundles;

  @BeforeAll
  void startTemporal() {
    harness = new JobWorkflowHarness().start(new ScriptedActivities());
    workflowClient = harness.client();
    bundles = new BundleClient(workflowClient, JobWorkflowHarness.TASK_QUEUE);
  }

  @AfterAll
  void stopTemporal() {
    harness.close();
  }

  @Test
  void should_give_the_same_bundle_for_a_repeated_key_and_a_random_id_without_one() {
    // given
    String key = "bundle-key-" + UUID.randomUUID();

    // when
    StartedBundle first = bundles.start(key, headlineOnly("A headline"));
    String firstRun = runId("bundle-" + key);
    StartedBundle repeat = bundles.start(key, headlineOnly("A headline"));
    StartedBundle random = bundles.start(headlineOnly("A headline"));

    // then
    assertThat(first).isEqualTo(new StartedBundle("bundle-" + key, 1, true));
    assertThat(repeat).isEqualTo(new StartedBundle("bundle-" + key, 1, false));
    assertThat(random.bundleId()).matches("bundle-[0-9a-f-]{36}");
    assertThat(random.created()).isTrue();
    assertThat(
            workflowClient
                .newUntypedWorkflowStub(first.bundleId())
                .describe()
                .getMemo(IdempotentStart.REQUEST_FINGERPRINT, String.class, String.class))
        .isEqualTo(BundleClient.fingerprint(headlineOnly("A headline")));
    assertThat(runId(first.bundleId())).as("one workflow run").isEqualTo(firstRun);
  }

  @Test
  void should_refuse_a_repeated_key_with_another_request_and_leave_its_bundle_alone() {
    // given
    String key = "bundle-reused-" + UUID.randomUUID();
    StartedBundle first = bundles.start(key, headlineOnly("A headline"));
    String firstRun = runId(first.bundleId());

    // when, then
    assertThatThrownBy(() -> bundles.start(key, headlineOnly("Another headline")))
        .isInstanceOfSatisfying(
            IdempotencyKeyReusedException.class,
            e -> assertThat(e.jobId()).isEqualTo(first.bundleId()));
    assertThat(bundles.start(key, headlineOnly("A headline")).created()).isFalse();
    assertThat(runId(first.bundleId())).isEqualTo(firstRun);
  }

  @Test
  void should_refuse_a_malformed_key_and_start_nothing() {
    assertThatThrownBy(() -> bundles.start("no spaces", headlineOnly("A headline")))
        .isInstanceOfSatisfying(
            InvalidJobRequestException.class,
            e ->
                assertThat(e.errors())
                    .extracting(FieldError::field)
                    .containsExactly("idempotencyKey"));
  }

  /** Returns the run id of the workflow Temporal holds under the id. */
  private String runId(String workflowId) {
    return workflowClient
        .newUntypedWorkflowStub(workflowId)
        .describe()
        .getRawDescription()
        .getWorkflowExecutionInfo()
        .getExecution()
        .getRunId();
  }

  private static BundleRequest headlineOnly(String requirements) {
    return BundleRequest.of(
        List.of(
            BundlePart.of(
                "headline", List.of(), JobRequest.builder(requirements, OutputKind.TEXT).build())));
  }
}
