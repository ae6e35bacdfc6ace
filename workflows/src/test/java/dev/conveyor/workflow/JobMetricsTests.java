package dev.conveyor.workflow;

import static dev.conveyor.workflow.JobRequests.text;
import static dev.conveyor.workflow.JobRequests.withBudget;
import static org.assertj.core.api.Assertions.assertThat;

import com.uber.m3.tally.RootScopeBuilder;
import com.uber.m3.tally.Scope;
import dev.conveyor.workflow.model.ApprovalPolicy;
import dev.conveyor.workflow.model.BudgetPolicy;
import dev.conveyor.workflow.model.BundleDecision;
import dev.conveyor.workflow.model.BundleStage;
import dev.conveyor.workflow.model.Decision;
import dev.conveyor.workflow.model.JobResult;
import dev.conveyor.workflow.model.Stage;
import dev.conveyor.workflow.testing.JobWorkflowHarness;
import dev.conveyor.workflow.testing.ScriptedActivities;
import io.micrometer.core.instrument.Measurement;
import io.micrometer.core.instrument.Statistic;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.temporal.common.reporter.MicrometerClientStatsReporter;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.worker.WorkerFactoryOptions;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The job's own metrics, emitted through the workflow's metrics scope. The worker keeps no workflow
 * in its cache, so every workflow task replays the whole history: a metric emitted during replay
 * would count again on each task.
 */
class JobMetricsTests {

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final Scope scope =
      new RootScopeBuilder()
          .reporter(new MicrometerClientStatsReporter(registry))
          .reportEvery(com.uber.m3.util.Duration.ofMillis(10));
  private final JobWorkflowHarness harness =
      new JobWorkflowHarness(
          TestEnvironmentOptions.newBuilder()
              .setMetricsScope(scope)
              .setWorkerFactoryOptions(
                  WorkerFactoryOptions.newBuilder().setWorkflowCacheSize(0).build())
              .build());

  @AfterEach
  void closeEnvironment() {
    harness.close();
  }

  @Test
  void should_count_each_verdict_retry_wait_and_final_state_once_when_every_task_replays()
      throws Exception {
    // given QA fails twice, then passes; a reviewer approves
    harness.start(new ScriptedActivities().failFirst(2));
    JobWorkflow job = harness.submit(text(ApprovalPolicy.ALWAYS));
    harness.awaitStage(job, Stage.AWAITING_APPROVAL);

    // when
    job.approve(new Decision("rita", null, null));
    JobResult result = harness.result(job);
    scope.close();

    // then
    assertThat(result.state()).isEqualTo(Stage.APPROVED);
    assertThat(count("conveyor_qa_verdicts", "outcome", "failed")).isEqualTo(2);
    assertThat(count("conveyor_qa_verdicts", "outcome", "passed")).isEqualTo(1);
    assertThat(count("conveyor_qa_retries", "step", "TEXT_GENERATION")).isEqualTo(2);
    assertThat(count("conveyor_jobs_finished", "state", "APPROVED")).isEqualTo(1);
    assertThat(registry.get("conveyor_pipeline_duration").tag("state", "APPROVED").timer().count())
        .isEqualTo(1);
    assertThat(
            registry
                .get("conveyor_approval_wait")
                .tag("reason", "POLICY")
                .tag("outcome", "decided")
                .timer()
                .count())
        .isEqualTo(1);
    assertThat(registry.find("conveyor_budget_interventions").meters()).isEmpty();
  }

  @Test
  void should_count_each_budget_intervention_once() throws Exception {
    // given
    harness.start(new ScriptedActivities().failFirst(1));

    // when
    JobResult result =
        harness.result(
            harness.submit(
                withBudget(text(ApprovalPolicy.NEVER), "0.003").toBuilder()
                    .budgetPolicy(BudgetPolicy.SWITCH)
                    .build()));
    scope.close();

    // then
    assertThat(result.budgetInterventions()).hasSize(2);
    assertThat(count("conveyor_budget_interventions", "action", "SWITCH")).isEqualTo(2);
    assertThat(count("conveyor_jobs_finished", "state", "APPROVED")).isEqualTo(1);
  }

  @Test
  void should_count_a_bundle_its_cross_part_verdicts_and_its_parts_once() throws Exception {
    // given the cross-part check sends the HTML back once
    harness.start(
        new ScriptedActivities().checkBundleWith(Bundles.landingFailsFirstCheck("no headline")));
    BundleWorkflow bundle = harness.submitBundle("bundle-metrics", Bundles.landingPage());
    harness.awaitBundle(
        bundle, s -> s.stage() == BundleStage.AWAITING_APPROVAL, "AWAITING_APPROVAL");

    // when
    bundle.decide(BundleDecision.approve("rita", null));
    harness.result(bundle);
    scope.close();

    // then
    assertThat(count("conveyor_bundles_finished", "state", "APPROVED")).isEqualTo(1);
    assertThat(count("conveyor_cross_part_checks", "outcome", "failed")).isEqualTo(1);
    assertThat(count("conveyor_cross_part_checks", "outcome", "passed")).isEqualTo(1);
    assertThat(count("conveyor_jobs_finished", "state", "DELIVERED")).isEqualTo(4);
  }

  private double count(String name, String tag, String value) {
    return registry.find(name).tag(tag, value).meters().stream()
        .flatMap(meter -> StreamSupport.stream(meter.measure().spliterator(), false))
        .filter(m -> m.getStatistic() == Statistic.COUNT)
        .mapToDouble(Measurement::getValue)
        .sum();
  }
}
