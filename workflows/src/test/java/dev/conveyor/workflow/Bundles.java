package dev.conveyor.workflow;

import dev.conveyor.workflow.activity.ConsistencyRequest;
import dev.conveyor.workflow.activity.ConsistencyResult.PartVerdict;
import dev.conveyor.workflow.activity.GenerationRequest;
import dev.conveyor.workflow.activity.StepResult;
import dev.conveyor.workflow.model.BundlePart;
import dev.conveyor.workflow.model.BundleRequest;
import dev.conveyor.workflow.model.JobRequest;
import dev.conveyor.workflow.model.OutputKind;
import dev.conveyor.workflow.testing.ActivityGate;
import dev.conveyor.workflow.testing.ScriptedActivities;
import java.util.List;
import java.util.function.Function;

/** Bundle requests for tests: a headline, a hero image and the HTML landing section using both. */
final class Bundles {

  private Bundles() {}

  static BundlePart headline() {
    return BundlePart.of(
        "headline",
        List.of(),
        JobRequest.builder("A headline for a steel water bottle.", OutputKind.TEXT).build());
  }

  static BundlePart hero() {
    return BundlePart.of(
        "hero",
        List.of(),
        JobRequest.builder("A hero image of the bottle on a rock.", OutputKind.IMAGE).build());
  }

  static BundlePart landing() {
    return BundlePart.of(
        "landing",
        List.of("headline", "hero"),
        JobRequest.builder(
                "A landing section with the headline and the hero image.", OutputKind.CODE)
            .language("html")
            .build());
  }

  /**
   * Returns a cross-part check that fails the landing section on its first run with the feedback,
   * and passes it after.
   */
  static Function<ConsistencyRequest, List<PartVerdict>> landingFailsFirstCheck(String feedback) {
    return request ->
        List.of(
            new PartVerdict(
                "landing",
                request.run() == 1
                    ? ScriptedActivities.fail(feedback)
                    : ScriptedActivities.pass(0.9)));
  }

  /** Returns a TEXT part that uses the headline: a sub-heading that follows it. */
  static BundlePart subheading() {
    return BundlePart.of(
        "subheading",
        List.of("headline"),
        JobRequest.builder("A sub-heading that follows the headline.", OutputKind.TEXT).build());
  }

  /** Returns the hero made to fit the headline: an IMAGE part that uses a TEXT part. */
  static BundlePart heroForHeadline() {
    return BundlePart.of(
        "hero",
        List.of("headline"),
        JobRequest.builder("A hero image that shows what the headline promises.", OutputKind.IMAGE)
            .build());
  }

  /**
   * Returns the landing page whose hero and sub-heading are made to go with the headline, and whose
   * HTML uses all three.
   */
  static BundleRequest landingPageFollowingTheHeadline() {
    BundlePart landing =
        BundlePart.of(
            "landing",
            List.of("headline", "subheading", "hero"),
            JobRequest.builder(
                    "A landing section with the headline, the sub-heading and the hero image.",
                    OutputKind.CODE)
                .language("html")
                .build());
    return BundleRequest.of(List.of(headline(), subheading(), heroForHeadline(), landing));
  }

  /**
   * Returns a cross-part check that, on its first run, holds the hero at fault with the feedback
   * (the vision judge saw a picture that does not show what the headline promises), and passes
   * every part that uses others after.
   */
  static Function<ConsistencyRequest, List<PartVerdict>> heroFailsFirstCheck(String feedback) {
    return request ->
        request.run() == 1
            ? List.of(new PartVerdict("hero", ScriptedActivities.fail(feedback)))
            : request.parts().stream()
                .filter(part -> !part.uses().isEmpty())
                .map(part -> new PartVerdict(part.name(), ScriptedActivities.pass(0.9)))
                .toList();
  }

  /** Returns activities whose image generation waits at the gate before it paints. */
  static ScriptedActivities paintingHeldAt(ActivityGate gate) {
    return new ScriptedActivities() {
      @Override
      public StepResult generateImage(GenerationRequest request) {
        gate.pass();
        return super.generateImage(request);
      }
    };
  }

  /** Returns the landing-page bundle with every optional field at its default. */
  static BundleRequest landingPage() {
    return BundleRequest.of(List.of(headline(), hero(), landing()));
  }
}
