package dev.conveyor.workflow;

import static dev.conveyor.workflow.testing.ScriptedActivities.fail;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.conveyor.workflow.activity.ActivityErrors;
import dev.conveyor.workflow.activity.CodeGenerationRequest;
import dev.conveyor.workflow.activity.ConsistencyResult.PartVerdict;
import dev.conveyor.workflow.activity.GenerationRequest;
import dev.conveyor.workflow.activity.StepResult;
import dev.conveyor.workflow.model.ArtifactRef;
import dev.conveyor.workflow.model.BundleDecision;
import dev.conveyor.workflow.model.BundleRequest;
import dev.conveyor.workflow.model.BundleStage;
import dev.conveyor.workflow.model.BundleStatus;
import dev.conveyor.workflow.model.DecisionAction;
import dev.conveyor.workflow.model.JobStatus;
import dev.conveyor.workflow.model.OutputKind;
import dev.conveyor.workflow.model.PartRejection;
import dev.conveyor.workflow.model.PartState;
import dev.conveyor.workflow.model.PartStatus;
import dev.conveyor.workflow.model.Stage;
import dev.conveyor.workflow.testing.ActivityGate;
import dev.conveyor.workflow.testing.JobWorkflowHarness;
import dev.conveyor.workflow.testing.ScriptedActivities;
import io.temporal.api.enums.v1.EventType;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowUpdateException;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.CanceledFailure;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Bundles: parts as child jobs, their order, the cross-part check, the one decision, the budget.
 */
class BundleWorkflowTests {

  private final JobWorkflowHarness harness = new JobWorkflowHarness();

  @AfterEach
  void closeEnvironment() {
    harness.close();
  }

  private BundleStatus awaitDecision(BundleWorkflow bundle) {
    return harness.awaitBundle(
        bundle, s -> s.stage() == BundleStage.AWAITING_APPROVAL, "AWAITING_APPROVAL");
  }

  private static Map<String, Integer> runs(BundleStatus status) {
    return Map.of(
        "headline", status.part("headline").runs(),
        "hero", status.part("hero").runs(),
        "landing", status.part("landing").runs());
  }

  @Test
  void should_run_independent_parts_in_parallel_and_the_html_once_both_passed_qa() {
    // given the image generation held until the text part has passed QA
    ActivityGate painting = new ActivityGate();
    List<String> order = new CopyOnWriteArrayList<>();
    ScriptedActivities activities =
        new ScriptedActivities() {
          @Override
          public StepResult generateImage(GenerationRequest request) {
            painting.pass();
            order.add("hero");
            return super.generateImage(request);
          }

          @Override
          public StepResult generateText(GenerationRequest request) {
            order.add("headline");
            return super.generateText(request);
          }

          @Override
          public StepResult generateCode(CodeGenerationRequest request) {
            order.add("landing");
            return super.generateCode(request);
          }
        };
    harness.start(activities);
    BundleWorkflow bundle = harness.submitBundle("bundle-1", Bundles.landingPage());

    // when the headline passed while the hero is still being painted
    painting.awaitArrival();
    BundleStatus midway =
        harness.awaitBundle(
            bundle, s -> s.part("headline").state() == PartState.PASSED, "headline passed");
    painting.open();
    BundleStatus awaiting = awaitDecision(bundle);

    // then both ran at once, and the landing section only after both, with their outputs
    assertThat(midway.part("hero").state()).isEqualTo(PartState.RUNNING);
    assertThat(midway.part("landing").state()).isEqualTo(PartState.WAITING);
    assertThat(order).containsExactly("headline", "hero", "landing");
    PartStatus headline = awaiting.part("headline");
    PartStatus hero = awaiting.part("hero");
    assertThat(hero.fileName()).isEqualTo("hero.png");
    assertThat(headline.fileName()).isEqualTo("headline.txt");
    assertThat(awaiting.part("landing").fileName()).isEqualTo("landing.html");
    CodeGenerationRequest landing = activities.codeGenerations().get(0);
    assertThat(landing.spec().texts()).containsExactly(headline.output());
    assertThat(landing.spec().imageSources()).containsExactly("hero.png");
    assertThat(landing.feedback()).isNull();
    assertThat(awaiting.parts()).extracting(PartStatus::state).containsOnly(PartState.PASSED);
    assertThat(awaiting.parts())
        .extracting(PartStatus::jobId)
        .containsExactly("bundle-1.headline.1", "bundle-1.hero.1", "bundle-1.landing.1");
    assertThat(awaiting.reason()).isEqualTo("every part passed QA and the cross-part check");

    // and each part's job ended after QA without waiting for a decision of its own
    JobStatus child = harness.started("bundle-1.landing.1").status();
    assertThat(child.stage()).isEqualTo(Stage.DELIVERED);
    assertThat(child.decisions()).isEmpty();
    assertThat(activities.invocations()).doesNotContain("RaiseReminder");
  }

  @Test
  void should_approve_every_part_in_one_decision_with_the_cost_of_each_and_in_all() {
    // given
    ScriptedActivities activities = new ScriptedActivities();
    harness.start(activities);
    BundleWorkflow bundle = harness.submitBundle("bundle-2", Bundles.landingPage());
    awaitDecision(bundle);

    // when
    BundleStatus decided = bundle.decide(BundleDecision.approve("ana", "ship it"));
    BundleStatus result = harness.result(bundle);

    // then
    assertThat(decided.stage()).isEqualTo(BundleStage.APPROVED);
    assertThat(result.stage()).isEqualTo(BundleStage.APPROVED);
    assertThat(result.decidedBy()).isEqualTo("ana");
    assertThat(result.reason()).isEqualTo("approved by ana: ship it");
    // each part made three calls (prompt, generation, QA); the cross-part check made one
    BigDecimal call = ScriptedActivities.CALL_COST;
    assertThat(result.parts())
        .extracting(PartStatus::costUsd)
        .allSatisfy(
            cost -> assertThat(cost).isEqualByComparingTo(call.multiply(BigDecimal.valueOf(3))));
    assertThat(result.costUsd()).isEqualByComparingTo(call.multiply(BigDecimal.TEN));
    assertThat(result.consistencyRuns()).isEqualTo(1);
    assertThat(result.part("landing").consistency()).isNull();
  }

  @Test
  void should_send_only_the_part_at_fault_back_when_the_cross_part_check_fails() {
    // given the check finds the headline missing from the HTML the first time only
    ScriptedActivities activities =
        new ScriptedActivities()
            .checkBundleWith(Bundles.landingFailsFirstCheck("the headline is missing"));
    harness.start(activities);
    BundleWorkflow bundle = harness.submitBundle("bundle-3", Bundles.landingPage());

    // when
    BundleStatus awaiting = awaitDecision(bundle);

    // then only the landing section ran again, with the check's feedback
    assertThat(runs(awaiting)).isEqualTo(Map.of("headline", 1, "hero", 1, "landing", 2));
    assertThat(activities.consistencyChecks()).hasSize(2);
    assertThat(activities.codeGenerations()).hasSize(2);
    assertThat(activities.codeGenerations().get(1).feedback())
        .contains("Cross-part check: the headline is missing");
    assertThat(awaiting.part("landing").jobId()).isEqualTo("bundle-3.landing.2");
    assertThat(awaiting.part("landing").consistency().passed()).isTrue();
    assertThat(awaiting.consistencyRuns()).isEqualTo(2);
  }

  @Test
  void should_regenerate_only_the_image_and_the_parts_using_it_when_the_judge_blames_the_image() {
    // given a vision judge that finds, the first time, that the hero does not show the headline
    ScriptedActivities activities =
        new ScriptedActivities()
            .checkBundleWith(Bundles.heroFailsFirstCheck("show the steel bottle"));
    harness.start(activities);
    BundleWorkflow bundle = harness.submitBundle("bundle-3b", Bundles.landingPage());

    // when
    BundleStatus awaiting = awaitDecision(bundle);

    // then the hero was painted again with the judge's feedback, the landing section that embeds
    // it was written again without feedback of its own, and the headline was left alone
    assertThat(runs(awaiting)).isEqualTo(Map.of("headline", 1, "hero", 2, "landing", 2));
    assertThat(activities.generations())
        .filteredOn(g -> g.feedback() != null)
        .extracting(GenerationRequest::feedback)
        .containsExactly("Cross-part check: show the steel bottle");
    assertThat(activities.invocations()).containsSubsequence("CheckBundle", "GenerateImage");
    assertThat(activities.codeGenerations()).hasSize(2);
    assertThat(activities.codeGenerations().get(1).feedback()).isNull();
    assertThat(awaiting.part("hero").jobId()).isEqualTo("bundle-3b.hero.2");
    assertThat(awaiting.part("hero").feedback())
        .isEqualTo("Cross-part check: show the steel bottle");
    assertThat(awaiting.part("landing").consistency().passed()).isTrue();
    assertThat(awaiting.consistencyRuns()).isEqualTo(2);
    assertThat(awaiting.reason()).isEqualTo("every part passed QA and the cross-part check");
  }

  @Test
  void should_give_a_text_part_using_a_text_part_its_text_in_the_prompt() {
    // given a sub-heading and a hero that both use the headline
    ScriptedActivities activities = new ScriptedActivities();
    harness.start(activities);
    BundleWorkflow bundle =
        harness.submitBundle("bundle-3c", Bundles.landingPageFollowingTheHeadline());

    // when
    BundleStatus awaiting = awaitDecision(bundle);

    // then each was prompted with the headline's stored text; the headline with none
    ArtifactRef headline = awaiting.part("headline").output();
    assertThat(activities.prompts())
        .filteredOn(p -> p.outputKind() == OutputKind.TEXT && !p.followedTexts().isEmpty())
        .singleElement()
        .satisfies(p -> assertThat(p.followedTexts()).containsExactly(headline));
    assertThat(activities.prompts())
        .filteredOn(p -> p.outputKind() == OutputKind.IMAGE)
        .singleElement()
        .satisfies(p -> assertThat(p.followedTexts()).containsExactly(headline));
    assertThat(activities.prompts())
        .filteredOn(p -> p.outputKind() == OutputKind.CODE)
        .singleElement()
        .satisfies(p -> assertThat(p.followedTexts()).isEmpty());
    assertThat(activities.prompts()).filteredOn(p -> p.followedTexts().isEmpty()).hasSize(2);
    CodeGenerationRequest landing = activities.codeGenerations().get(0);
    assertThat(landing.spec().texts())
        .containsExactly(headline, awaiting.part("subheading").output());
    assertThat(awaiting.parts()).extracting(PartStatus::state).containsOnly(PartState.PASSED);
  }

  @Test
  void should_go_to_reviewers_when_the_cross_part_check_keeps_failing() {
    // given
    ScriptedActivities activities =
        new ScriptedActivities()
            .checkBundleWith(request -> List.of(new PartVerdict("landing", fail("no hero"))));
    harness.start(activities);
    BundleRequest request = Bundles.landingPage();
    request = new BundleRequest(request.parts(), null, 1, null, null, null, null);
    BundleWorkflow bundle = harness.submitBundle("bundle-4", request);

    // when
    BundleStatus awaiting = awaitDecision(bundle);

    // then one re-run, then the reviewers see the failing verdict
    assertThat(awaiting.consistencyRuns()).isEqualTo(2);
    assertThat(awaiting.part("landing").runs()).isEqualTo(2);
    assertThat(awaiting.reason()).isEqualTo("the cross-part check still fails for [landing]");
    assertThat(awaiting.part("landing").consistency().feedback()).isEqualTo("no hero");
  }

  @Test
  void should_run_again_only_the_rejected_part_and_the_parts_that_use_it() {
    // given
    ScriptedActivities activities = new ScriptedActivities();
    harness.start(activities);
    BundleWorkflow bundle = harness.submitBundle("bundle-5", Bundles.landingPage());
    awaitDecision(bundle);

    // when the reviewer sends the headline back
    BundleStatus sentBack =
        bundle.decide(
            BundleDecision.sendBack("ana", List.of(new PartRejection("headline", "shorter"))));
    BundleStatus again = awaitDecision(bundle);

    // then the headline and the landing section that uses it ran again; the hero did not
    assertThat(sentBack.stage()).isEqualTo(BundleStage.RUNNING);
    assertThat(sentBack.revision()).isEqualTo(1);
    assertThat(runs(again)).isEqualTo(Map.of("headline", 2, "hero", 1, "landing", 2));
    assertThat(activities.generations())
        .filteredOn(g -> g.feedback() != null)
        .extracting(GenerationRequest::feedback)
        .containsExactly("Reviewer feedback: shorter");
    assertThat(again.part("headline").feedback()).isEqualTo("Reviewer feedback: shorter");
    assertThat(again.part("landing").feedback()).isNull();
    CodeGenerationRequest rerun = activities.codeGenerations().get(1);
    assertThat(rerun.spec().texts()).containsExactly(again.part("headline").output());
    assertThat(again.decisions()).hasSize(1);

    // and an approval ends it
    bundle.decide(BundleDecision.approve("ana", null));
    assertThat(harness.result(bundle).stage()).isEqualTo(BundleStage.APPROVED);
  }

  @Test
  void should_reject_the_bundle_for_good_when_no_revision_is_left() {
    // given
    ScriptedActivities activities = new ScriptedActivities();
    harness.start(activities);
    BundleRequest request =
        new BundleRequest(Bundles.landingPage().parts(), 0, null, null, null, null, null);
    BundleWorkflow bundle = harness.submitBundle("bundle-6", request);
    awaitDecision(bundle);

    // when
    bundle.decide(BundleDecision.sendBack("ana", List.of(new PartRejection("hero", "bluer"))));

    // then
    BundleStatus result = harness.result(bundle);
    assertThat(result.stage()).isEqualTo(BundleStage.REJECTED);
    assertThat(result.reason()).isEqualTo("rejected by ana; no revision left (maxRevisions 0)");
    assertThat(result.part("hero").runs()).isEqualTo(1);
  }

  @Test
  void should_block_the_parts_using_a_part_whose_models_are_exhausted_and_ask_the_reviewers() {
    // given every text model fails for good the first time
    ScriptedActivities activities =
        new ScriptedActivities() {
          private volatile boolean failed;

          @Override
          public StepResult generateText(GenerationRequest request) {
            if (!failed) {
              failed = true;
              throw ApplicationFailure.newNonRetryableFailure(
                  "every text model failed", ActivityErrors.MODELS_EXHAUSTED);
            }
            return super.generateText(request);
          }
        };
    harness.start(activities);
    BundleWorkflow bundle = harness.submitBundle("bundle-7", Bundles.landingPage());

    // when
    BundleStatus awaiting = awaitDecision(bundle);

    // then the headline failed, the landing section never started, the hero is done
    assertThat(awaiting.part("headline").state()).isEqualTo(PartState.FAILED);
    assertThat(awaiting.part("headline").reason())
        .isEqualTo("GENERATE failed after retries: every text model failed (ModelsExhausted)");
    assertThat(awaiting.part("landing").state()).isEqualTo(PartState.BLOCKED);
    assertThat(awaiting.part("landing").runs()).isZero();
    assertThat(awaiting.part("hero").state()).isEqualTo(PartState.PASSED);
    assertThat(awaiting.reason()).startsWith("parts without an output that passed QA");
    assertThat(activities.consistencyChecks()).isEmpty();

    // and an approval is refused, while sending the headline back makes the rest
    assertThatThrownBy(() -> bundle.decide(BundleDecision.approve("ana", null)))
        .isInstanceOf(WorkflowUpdateException.class)
        .rootCause()
        .hasMessageContaining("cannot approve");
    bundle.decide(
        BundleDecision.sendBack("ana", List.of(new PartRejection("headline", "try again"))));
    BundleStatus again = awaitDecision(bundle);
    assertThat(again.parts()).extracting(PartStatus::state).containsOnly(PartState.PASSED);
    assertThat(runs(again)).isEqualTo(Map.of("headline", 2, "hero", 1, "landing", 1));
  }

  @Test
  void should_cancel_the_running_parts_when_the_bundle_is_cancelled() {
    // given the hero held in its generation
    ActivityGate painting = new ActivityGate();
    ScriptedActivities activities = Bundles.paintingHeldAt(painting);
    harness.start(activities);
    BundleWorkflow bundle = harness.submitBundle("bundle-8", Bundles.landingPage());
    painting.awaitArrival();

    // when
    try {
      harness.cancel(bundle);
      assertThatThrownBy(() -> harness.result(bundle))
          .isInstanceOf(WorkflowFailedException.class)
          .hasCauseInstanceOf(CanceledFailure.class);
    } finally {
      painting.open();
    }

    // then the hero's job was cancelled with it, and the landing section never started
    JobWorkflow hero = harness.started("bundle-8.hero.1");
    assertThat(harness.lastEvent(hero)).isEqualTo(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_CANCELED);
    assertThat(hero.status().stage()).isEqualTo(Stage.CANCELLED);
    BundleStatus status = bundle.status();
    assertThat(status.stage()).isEqualTo(BundleStage.CANCELLED);
    assertThat(status.part("hero").state()).isEqualTo(PartState.FAILED);
    assertThat(status.part("landing").runs()).isZero();
    assertThat(activities.codeGenerations()).isEmpty();
  }

  @Test
  void should_keep_every_part_within_one_budget_for_the_bundle() {
    // given a budget for about two calls of each of the three parts, where each part needs three
    ScriptedActivities activities = new ScriptedActivities();
    harness.start(activities);
    BigDecimal budget = new BigDecimal("0.005");
    BundleRequest request =
        new BundleRequest(Bundles.landingPage().parts(), null, null, null, budget, null, null);
    BundleWorkflow bundle = harness.submitBundle("bundle-9", request);

    // when
    BundleStatus awaiting = awaitDecision(bundle);

    // then each part had its share of what was left and stopped within it
    JobStatus headline = harness.started("bundle-9.headline.1").status();
    JobStatus hero = harness.started("bundle-9.hero.1").status();
    assertThat(headline.budgetUsd().add(hero.budgetUsd())).isLessThanOrEqualTo(budget);
    assertThat(headline.budgetUsd()).isEqualByComparingTo("0.001666");
    assertThat(awaiting.part("headline").state()).isEqualTo(PartState.FAILED);
    assertThat(awaiting.part("headline").reason()).contains("budget");
    assertThat(awaiting.part("landing").state()).isEqualTo(PartState.BLOCKED);
    assertThat(awaiting.costUsd()).isLessThanOrEqualTo(budget);
    assertThat(awaiting.budgetUsd()).isEqualByComparingTo(budget);
  }

  @Test
  void should_expire_when_nobody_decides_within_the_approval_timeout() {
    // given
    harness.start(new ScriptedActivities());
    BundleRequest request =
        new BundleRequest(
            Bundles.landingPage().parts(), null, null, Duration.ofHours(1), null, null, null);
    BundleWorkflow bundle = harness.submitBundle("bundle-12", request);
    BundleStatus awaiting = awaitDecision(bundle);

    // when time passes without a decision
    BundleStatus result = harness.result(bundle);

    // then
    assertThat(awaiting.deadline()).isEqualTo(awaiting.awaitingSince().plus(Duration.ofHours(1)));
    assertThat(result.stage()).isEqualTo(BundleStage.EXPIRED);
    assertThat(result.reason()).isEqualTo("no decision within PT1H");
    assertThat(result.decidedBy()).isEqualTo("timeout");
    assertThat(result.deadline()).isNull();
  }

  @Test
  void should_fail_an_invalid_bundle_naming_the_problem_without_starting_a_part() {
    // given
    ScriptedActivities activities = new ScriptedActivities();
    harness.start(activities);
    BundleRequest request =
        BundleRequest.of(List.of(Bundles.headline(), Bundles.headline(), Bundles.landing()));

    // when
    BundleStatus result = harness.result(harness.submitBundle("bundle-10", request));

    // then
    assertThat(result.stage()).isEqualTo(BundleStage.FAILED);
    assertThat(result.reason())
        .startsWith("invalid request")
        .contains("parts[1].name")
        .contains("parts[2].uses[1]");
    assertThat(activities.invocations()).isEmpty();
  }

  @Test
  void should_refuse_a_decision_out_of_turn() {
    // given the bundle still running its parts
    ActivityGate painting = new ActivityGate();
    ScriptedActivities activities = Bundles.paintingHeldAt(painting);
    harness.start(activities);
    BundleWorkflow bundle = harness.submitBundle("bundle-11", Bundles.landingPage());
    painting.awaitArrival();

    // when, then
    try {
      assertThatThrownBy(
              () ->
                  bundle.decide(new BundleDecision(DecisionAction.REJECT, "ana", "no", List.of())))
          .isInstanceOf(WorkflowUpdateException.class)
          .rootCause()
          .hasMessageContaining("no decision is awaited");
    } finally {
      painting.open();
    }
    assertThat(awaitDecision(bundle).decisions()).isEmpty();
  }
}
