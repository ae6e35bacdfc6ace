package dev.conveyor.workflow;

import dev.conveyor.workflow.activity.ConsistencyRequest;
import dev.conveyor.workflow.activity.ConsistencyResult.PartVerdict;
import dev.conveyor.workflow.model.BundleDecision;
import dev.conveyor.workflow.model.BundleRequest;
import dev.conveyor.workflow.model.BundleStage;
import dev.conveyor.workflow.model.BundleStatus;
import dev.conveyor.workflow.model.PartRejection;
import dev.conveyor.workflow.testing.JobWorkflowHarness;
import dev.conveyor.workflow.testing.ScriptedActivities;
import io.temporal.common.WorkflowExecutionHistory;
import java.util.List;
import java.util.function.Function;

/**
 * The representative paths of a bundle, each played on a fresh test environment and ending in an
 * approval. The recorder commits each bundle's history and the history of one of its parts; the
 * replay tests replay both.
 *
 * <ul>
 *   <li>{@link #LANDING_PAGE}: the landing page's three parts, a cross-part check that sends the
 *       HTML back once, a reviewer who sends the headline back, then an approval.
 *   <li>{@link #HERO_SENT_BACK}: a headline, a sub-heading and a hero that both use it (their
 *       prompts carry its text), and the HTML using all three; the cross-part judge holds the hero
 *       at fault once, so the hero and the HTML run again; then an approval.
 * </ul>
 */
final class BundleScenarios {

  /**
   * One path.
   *
   * @param bundleId the recorded bundle's workflow id, from which the children's ids derive
   * @param bundleHistory the bundle's history file, under {@code histories/bundles}
   * @param partHistory the history of one part's last job, under {@code histories}
   * @param part the part whose last job's history is recorded
   * @param request the bundle
   * @param check what the cross-part check answers
   * @param sendBack what the reviewer sends back before approving; empty for an approval at once
   */
  record Scenario(
      String bundleId,
      String bundleHistory,
      String partHistory,
      String part,
      BundleRequest request,
      Function<ConsistencyRequest, List<PartVerdict>> check,
      List<PartRejection> sendBack) {

    @Override
    public String toString() {
      return bundleId;
    }
  }

  static final Scenario LANDING_PAGE =
      new Scenario(
          "bundle-landing-page",
          "landing-page-approved.json",
          "bundle-part-delivered.json",
          "landing",
          Bundles.landingPage(),
          Bundles.landingFailsFirstCheck("the headline is missing"),
          List.of(new PartRejection("headline", "shorter")));

  static final Scenario HERO_SENT_BACK =
      new Scenario(
          "bundle-hero-sent-back",
          "hero-sent-back-by-the-judge.json",
          "bundle-part-image-following-a-text.json",
          "hero",
          Bundles.landingPageFollowingTheHeadline(),
          Bundles.heroFailsFirstCheck("show the steel bottle the headline promises"),
          List.of());

  /**
   * The landing page's path recorded once bundles write their projection into the job store
   * (version {@value JobVersions#BUNDLE_STORE_PROJECTION} 1): its own bundle history; its part's
   * history is the landing page's, which the projection does not change.
   */
  static final Scenario LANDING_PAGE_PROJECTED =
      new Scenario(
          "bundle-landing-page",
          "landing-page-projected.json",
          "bundle-part-delivered.json",
          "landing",
          Bundles.landingPage(),
          Bundles.landingFailsFirstCheck("the headline is missing"),
          List.of(new PartRejection("headline", "shorter")));

  /** Every scenario. */
  static final List<Scenario> ALL = List.of(LANDING_PAGE, HERO_SENT_BACK);

  /**
   * Every committed bundle history: each scenario's, recorded before the projection into the job
   * store, and the landing page's recorded with it.
   */
  static final List<Scenario> COMMITTED =
      List.of(LANDING_PAGE, HERO_SENT_BACK, LANDING_PAGE_PROJECTED);

  private BundleScenarios() {}

  /** What a played path left: the bundle's final status and the two histories. */
  record Played(
      BundleStatus status, WorkflowExecutionHistory bundle, WorkflowExecutionHistory part) {}

  /** Plays a path and returns what it left; fails when the bundle does not end APPROVED. */
  static Played play(Scenario scenario) {
    try (JobWorkflowHarness harness = new JobWorkflowHarness()) {
      ScriptedActivities activities = new ScriptedActivities().checkBundleWith(scenario.check());
      harness.start(activities);
      BundleWorkflow bundle = harness.submitBundle(scenario.bundleId(), scenario.request());
      awaitDecision(harness, bundle);
      if (!scenario.sendBack().isEmpty()) {
        bundle.decide(BundleDecision.sendBack("alice", scenario.sendBack()));
        awaitDecision(harness, bundle);
      }
      bundle.decide(BundleDecision.approve("alice", "good to go"));
      BundleStatus status = harness.result(bundle);
      if (status.stage() != BundleStage.APPROVED) {
        throw new AssertionError("the bundle ended " + status.stage() + ", expected APPROVED");
      }
      String part = status.part(scenario.part()).jobId();
      return new Played(
          status,
          harness.client().fetchHistory(scenario.bundleId()),
          harness.client().fetchHistory(part));
    }
  }

  private static void awaitDecision(JobWorkflowHarness harness, BundleWorkflow bundle) {
    harness.awaitBundle(
        bundle, s -> s.stage() == BundleStage.AWAITING_APPROVAL, "AWAITING_APPROVAL");
  }
}
