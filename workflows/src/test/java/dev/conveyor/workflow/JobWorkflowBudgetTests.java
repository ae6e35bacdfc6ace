package dev.conveyor.workflow;

import static dev.conveyor.workflow.JobRequests.text;
import static dev.conveyor.workflow.JobRequests.withBudget;
import static dev.conveyor.workflow.testing.ScriptedActivities.fail;
import static dev.conveyor.workflow.testing.ScriptedActivities.pass;
import static org.assertj.core.api.Assertions.assertThat;

import dev.conveyor.workflow.activity.GenerationRequest;
import dev.conveyor.workflow.model.ApprovalPolicy;
import dev.conveyor.workflow.model.ApprovalReason;
import dev.conveyor.workflow.model.BudgetIntervention;
import dev.conveyor.workflow.model.BudgetPolicy;
import dev.conveyor.workflow.model.Decision;
import dev.conveyor.workflow.model.JobRequest;
import dev.conveyor.workflow.model.JobResult;
import dev.conveyor.workflow.model.JobStatus;
import dev.conveyor.workflow.model.ModelCall;
import dev.conveyor.workflow.model.ModelTier;
import dev.conveyor.workflow.model.Stage;
import dev.conveyor.workflow.model.Step;
import dev.conveyor.workflow.model.StepUsage;
import dev.conveyor.workflow.testing.JobWorkflowHarness;
import dev.conveyor.workflow.testing.ScriptedActivities;
import java.math.BigDecimal;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The budget: estimates checked before each paid call, and each policy (SWITCH to the economy
 * model, ASK_HUMAN, STOP). Scripted calls cost {@link ScriptedActivities#CALL_COST}; the workflow
 * estimates them at {@link ScriptedActivities#CALL_ESTIMATE} until it has seen one, so each first
 * call of a step is underestimated by {@link ScriptedActivities#ESTIMATION_ERROR}.
 */
class JobWorkflowBudgetTests {

  private final JobWorkflowHarness harness = new JobWorkflowHarness();

  @AfterEach
  void closeEnvironment() {
    harness.close();
  }

  @ParameterizedTest(name = "budget {0} USD")
  @ValueSource(strings = {"0", "0.0005", "0.0015", "0.0029", "0.004"})
  void should_spend_no_more_than_the_budget_plus_one_estimation_error_when_the_budget_is_tiny(
      String budget) {
    // given QA that never passes, so the job would otherwise make 7 calls
    harness.start(new ScriptedActivities().judgeWith(r -> fail("too vague")));

    // when
    JobWorkflow job = harness.submit(policy(withBudget(text(), budget), BudgetPolicy.STOP));
    JobResult result = harness.result(job);

    // then
    BigDecimal limit = new BigDecimal(budget);
    assertThat(result.state()).isEqualTo(Stage.FAILED);
    assertThat(result.reason()).contains("would overrun the budget");
    assertThat(result.costUsd())
        .isLessThanOrEqualTo(limit.add(ScriptedActivities.ESTIMATION_ERROR));
    JobStatus status = job.status();
    assertThat(status.calls()).hasSizeLessThan(7);
    assertThat(status.budgetUsd()).isEqualByComparingTo(limit);
    assertThat(status.budgetPolicy()).isEqualTo(BudgetPolicy.STOP);
    assertThat(result.budgetInterventions())
        .singleElement()
        .satisfies(
            stop -> {
              assertThat(stop.action()).isEqualTo(BudgetPolicy.STOP);
              assertThat(stop.remainingUsd())
                  .isEqualByComparingTo(limit.subtract(result.costUsd()));
            });
    assertThat(
            status.calls().stream()
                .map(ModelCall::totalCostUsd)
                .reduce(BigDecimal.ZERO, BigDecimal::add))
        .isEqualByComparingTo(result.costUsd());
  }

  @Test
  void should_switch_to_the_economy_model_when_the_standard_one_would_overrun() {
    // given the first QA fails, so a second generation and QA are needed
    ScriptedActivities activities = new ScriptedActivities().failFirst(1);
    harness.start(activities);

    // when
    JobResult result =
        harness.result(
            harness.submit(
                policy(withBudget(text(ApprovalPolicy.NEVER), "0.003"), BudgetPolicy.SWITCH)));

    // then the second generation and QA ran on the free economy model
    assertThat(result.state()).isEqualTo(Stage.APPROVED);
    assertThat(result.costUsd()).isEqualByComparingTo("0.003");
    assertThat(activities.generations())
        .extracting(GenerationRequest::tier)
        .containsExactly(null, ModelTier.ECONOMY);
    assertThat(activities.checks().get(1).tier()).isEqualTo(ModelTier.ECONOMY);
    assertThat(result.budgetInterventions())
        .extracting(BudgetIntervention::step, BudgetIntervention::action)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(Step.TEXT_GENERATION, BudgetPolicy.SWITCH),
            org.assertj.core.groups.Tuple.tuple(Step.TEXT_QA, BudgetPolicy.SWITCH));
    assertThat(result.usageByStep().get(Step.TEXT_GENERATION))
        .isEqualTo(new StepUsage(2, 200, 100, 0, new BigDecimal("0.001")));
  }

  @Test
  void should_stop_when_even_the_economy_model_would_overrun_the_budget() {
    // given an economy model priced at 4 USD per million input tokens: 0.0004 USD a call
    harness.start(
        new ScriptedActivities()
            .judgeWith(r -> fail("too vague"))
            .economyPrice(new BigDecimal("4")));

    // when
    JobResult result =
        harness.result(
            harness.submit(
                policy(withBudget(text(ApprovalPolicy.NEVER), "0.003"), BudgetPolicy.SWITCH)));

    // then
    assertThat(result.state()).isEqualTo(Stage.FAILED);
    assertThat(result.reason())
        .startsWith("the next TEXT_GENERATION call")
        .endsWith(", and so would scripted/economy");
    assertThat(result.costUsd()).isEqualByComparingTo("0.003");
    assertThat(result.budgetInterventions())
        .singleElement()
        .extracting(BudgetIntervention::action)
        .isEqualTo(BudgetPolicy.STOP);
  }

  @Test
  void should_ask_a_human_with_reason_budget_and_accept_the_newest_output_on_approval() {
    // given
    harness.start(new ScriptedActivities().judgeWith(r -> fail("too vague")));
    JobWorkflow job = harness.submit(policy(withBudget(text(), "0.003"), BudgetPolicy.ASK_HUMAN));

    // when
    JobStatus waiting = harness.awaitStage(job, Stage.AWAITING_APPROVAL);
    job.approve(new Decision("rita", "good enough", null));
    JobResult result = harness.result(job);

    // then
    assertThat(waiting.awaiting().reason()).isEqualTo(ApprovalReason.BUDGET);
    assertThat(waiting.awaiting().detail())
        .startsWith("the next TEXT_GENERATION call (estimate 0.001 USD on scripted/text-writer)")
        .contains("would overrun the budget: 0 of 0.003 USD remain");
    assertThat(waiting.awaiting().qaPassed()).isFalse();
    assertThat(waiting.budgetInterventions())
        .singleElement()
        .extracting(BudgetIntervention::action)
        .isEqualTo(BudgetPolicy.ASK_HUMAN);
    assertThat(result.state()).isEqualTo(Stage.APPROVED);
    assertThat(result.output()).isEqualTo(waiting.output());
    assertThat(result.costUsd()).isEqualByComparingTo("0.003");
  }

  @Test
  void should_end_rejected_when_the_human_rejects_a_job_stopped_by_its_budget() {
    // given
    harness.start(new ScriptedActivities().judgeWith(r -> fail("too vague")));
    JobWorkflow job = harness.submit(policy(withBudget(text(), "0.003"), BudgetPolicy.ASK_HUMAN));
    harness.awaitStage(job, Stage.AWAITING_APPROVAL);

    // when
    job.reject(new Decision("rita", "not worth more", false));

    // then
    JobResult result = harness.result(job);
    assertThat(result.state()).isEqualTo(Stage.REJECTED);
    assertThat(result.costUsd()).isEqualByComparingTo("0.003");
  }

  @Test
  void should_grant_another_budget_and_start_a_revision_when_the_human_asks_to_regenerate() {
    // given
    ScriptedActivities activities =
        new ScriptedActivities().judgeWith(r -> r.revision() == 0 ? fail("vague") : pass(0.9));
    harness.start(activities);
    JobWorkflow job = harness.submit(policy(withBudget(text(), "0.003"), BudgetPolicy.ASK_HUMAN));
    harness.awaitStage(job, Stage.AWAITING_APPROVAL);

    // when
    job.reject(new Decision("rita", "spend a little more", true));
    JobStatus revised =
        harness.awaitStatus(
            job,
            status -> status.stage() == Stage.AWAITING_APPROVAL && status.revision() == 1,
            "revision 1 awaiting approval");

    // then the budget is what was spent plus the original budget, and the revision passed QA
    assertThat(revised.budgetUsd()).isEqualByComparingTo("0.006");
    assertThat(revised.awaiting().reason()).isEqualTo(ApprovalReason.REVISION);
    assertThat(revised.costUsd()).isEqualByComparingTo("0.005");
    assertThat(activities.generations().get(1).feedback()).contains("spend a little more");
  }

  @Test
  void should_end_failed_when_the_budget_asks_a_human_but_the_approval_policy_never_does() {
    // given
    harness.start(new ScriptedActivities().judgeWith(r -> fail("too vague")));

    // when
    JobResult result =
        harness.result(
            harness.submit(
                policy(withBudget(text(ApprovalPolicy.NEVER), "0.003"), BudgetPolicy.ASK_HUMAN)));

    // then
    assertThat(result.state()).isEqualTo(Stage.FAILED);
    assertThat(result.reason()).contains("would overrun the budget");
  }

  @Test
  void should_take_the_budget_and_policy_from_the_worker_when_the_request_names_none() {
    // given the worker's defaults: 0.002 USD, switch to the economy model
    ScriptedActivities activities =
        new ScriptedActivities().budgetDefaults(new BigDecimal("0.002"), BudgetPolicy.SWITCH);
    harness.start(activities);

    // when
    JobWorkflow job = harness.submit(text(ApprovalPolicy.NEVER));
    JobResult result = harness.result(job);

    // then the prompt and the generation fit, QA runs on the economy model
    assertThat(result.state()).isEqualTo(Stage.APPROVED);
    assertThat(result.costUsd()).isEqualByComparingTo("0.002");
    assertThat(job.status().budgetUsd()).isEqualByComparingTo("0.002");
    assertThat(job.status().budgetPolicy()).isEqualTo(BudgetPolicy.SWITCH);
    assertThat(activities.checks()).singleElement().extracting("tier").isEqualTo(ModelTier.ECONOMY);
  }

  @Test
  void should_let_the_request_override_the_worker_policy() {
    // given
    harness.start(
        new ScriptedActivities().budgetDefaults(new BigDecimal("0.002"), BudgetPolicy.SWITCH));

    // when
    JobResult result =
        harness.result(harness.submit(policy(text(ApprovalPolicy.NEVER), BudgetPolicy.STOP)));

    // then
    assertThat(result.state()).isEqualTo(Stage.FAILED);
    assertThat(result.reason()).startsWith("the next TEXT_QA call");
  }

  @Test
  void should_not_touch_a_job_whose_budget_covers_its_calls() {
    // given
    harness.start(new ScriptedActivities());

    // when
    JobResult result =
        harness.result(harness.submit(withBudget(text(ApprovalPolicy.NEVER), "0.003")));

    // then the third call brings spending to the budget, and no fourth call is needed
    assertThat(result.state()).isEqualTo(Stage.APPROVED);
    assertThat(result.costUsd()).isEqualByComparingTo("0.003");
    assertThat(result.budgetInterventions()).isEmpty();
    assertThat(result.usageByStep())
        .containsOnlyKeys(Step.PROMPT, Step.TEXT_GENERATION, Step.TEXT_QA);
    assertThat(result.usageByStep().get(Step.PROMPT))
        .isEqualTo(new StepUsage(1, 100, 50, 0, ScriptedActivities.CALL_COST));
  }

  private static JobRequest policy(JobRequest request, BudgetPolicy policy) {
    return request.toBuilder().budgetPolicy(policy).build();
  }
}
