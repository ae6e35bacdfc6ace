package dev.conveyor.workflow;

import dev.conveyor.workflow.BundleState.Part;
import dev.conveyor.workflow.model.BundleStage;
import io.temporal.workflow.Workflow;

/**
 * What the Temporal UI shows of a bundle: its stage, each part's state and the cost. The parts'
 * jobs link to the bundle as its children and name their part in their summary.
 */
final class BundleVisibility {

  private BundleVisibility() {}

  /** Shows the bundle's current details. */
  static void show(BundleState bundle) {
    Workflow.setCurrentDetails(details(bundle));
  }

  /** Returns the details: stage, reason when final or awaiting, each part's state, and the cost. */
  static String details(BundleState bundle) {
    StringBuilder details = new StringBuilder("**").append(bundle.stage()).append("**");
    if (bundle.stage().isFinal() || bundle.stage() == BundleStage.AWAITING_APPROVAL) {
      details.append(": ").append(bundle.reason());
    }
    for (Part part : bundle.parts()) {
      details.append(" · ").append(part.name()).append(' ').append(part.state());
    }
    details.append(" · ").append(bundle.costUsd().toPlainString()).append(" USD");
    return details.toString();
  }
}
