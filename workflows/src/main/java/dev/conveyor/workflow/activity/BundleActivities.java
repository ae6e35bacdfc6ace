package dev.conveyor.workflow.activity;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/** Checks the parts of a bundle against each other, once each part passed its own QA. */
@ActivityInterface
public interface BundleActivities {

  /**
   * Checks every part that uses others against the parts it uses: deterministic checks first (HTML
   * contains each used text and references each used image in an {@code img src}), then, when they
   * pass, the judge of the {@code code-qa} step with the used texts beside the code. Returns a
   * verdict for each part checked; a failing verdict's feedback is what the part's next run acts
   * on.
   */
  @ActivityMethod(name = "CheckBundle")
  ConsistencyResult checkConsistency(ConsistencyRequest request);
}
