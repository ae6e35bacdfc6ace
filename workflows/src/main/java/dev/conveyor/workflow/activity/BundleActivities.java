package dev.conveyor.workflow.activity;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/** Checks the parts of a bundle against each other, once each part passed its own QA. */
@ActivityInterface
public interface BundleActivities {

  /**
   * Checks every part that uses others against the parts it uses: deterministic checks first (HTML
   * contains each used text and references each used image in an {@code img src}), then, when they
   * pass, a judge that sees the part with the parts it uses, every image among them as an image
   * (the {@code vision-qa} step's models). Returns a verdict for each part checked, under the name
   * of the part it holds at fault when it fails (the part checked, or one of the parts it uses); a
   * failing verdict's feedback is what that part's next run acts on.
   */
  @ActivityMethod(name = "CheckBundle")
  ConsistencyResult checkConsistency(ConsistencyRequest request);
}
