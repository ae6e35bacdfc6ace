package dev.conveyor.workflow;

import dev.conveyor.workflow.model.BundleDecision;
import dev.conveyor.workflow.model.BundleStage;
import dev.conveyor.workflow.model.BundleStatus;
import dev.conveyor.workflow.model.PartRejection;
import dev.conveyor.workflow.testing.JobWorkflowHarness;
import dev.conveyor.workflow.testing.ScriptedActivities;
import io.temporal.common.WorkflowExecutionHistory;
import java.util.List;

/**
 * The representative path of a bundle, played on a fresh test environment: the landing page's three
 * parts, a cross-part check that sends the HTML back once, a reviewer who sends the headline back,
 * then an approval. The recorder commits the bundle's history and the history of one of its parts;
 * the replay tests replay both.
 */
final class BundleScenarios {

  /** The bundle's history file, under {@code histories/bundles}. */
  static final String BUNDLE_HISTORY = "landing-page-approved.json";

  /** The history of the landing section's last job, under {@code histories}: a bundle's part. */
  static final String PART_HISTORY = "bundle-part-delivered.json";

  /**
   * The same path's history once bundles write their projection into the job store (version {@value
   * JobVersions#BUNDLE_STORE_PROJECTION} 1), under {@code histories/bundles}.
   */
  static final String PROJECTED_HISTORY = "landing-page-projected.json";

  /** The recorded bundle's workflow id. */
  static final String BUNDLE_ID = "bundle-landing-page";

  private BundleScenarios() {}

  /** What the played path left: the bundle's final status and the two histories. */
  record Played(
      BundleStatus status, WorkflowExecutionHistory bundle, WorkflowExecutionHistory part) {}

  /** Plays the path and returns what it left; fails when the bundle does not end APPROVED. */
  static Played play() {
    try (JobWorkflowHarness harness = new JobWorkflowHarness()) {
      ScriptedActivities activities =
          new ScriptedActivities()
              .checkBundleWith(Bundles.landingFailsFirstCheck("the headline is missing"));
      harness.start(activities);
      BundleWorkflow bundle = harness.submitBundle(BUNDLE_ID, Bundles.landingPage());
      awaitDecision(harness, bundle);
      bundle.decide(
          BundleDecision.sendBack("alice", List.of(new PartRejection("headline", "shorter"))));
      awaitDecision(harness, bundle);
      bundle.decide(BundleDecision.approve("alice", "good to go"));
      BundleStatus status = harness.result(bundle);
      if (status.stage() != BundleStage.APPROVED) {
        throw new AssertionError("the bundle ended " + status.stage() + ", expected APPROVED");
      }
      String part = status.part("landing").jobId();
      return new Played(
          status, harness.client().fetchHistory(BUNDLE_ID), harness.client().fetchHistory(part));
    }
  }

  private static void awaitDecision(JobWorkflowHarness harness, BundleWorkflow bundle) {
    harness.awaitBundle(
        bundle, s -> s.stage() == BundleStage.AWAITING_APPROVAL, "AWAITING_APPROVAL");
  }
}
