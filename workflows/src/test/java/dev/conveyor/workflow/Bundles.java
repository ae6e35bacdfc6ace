package dev.conveyor.workflow;

import dev.conveyor.workflow.model.BundlePart;
import dev.conveyor.workflow.model.BundleRequest;
import dev.conveyor.workflow.model.JobRequest;
import dev.conveyor.workflow.model.OutputKind;
import java.util.List;

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

  /** Returns the landing-page bundle with every optional field at its default. */
  static BundleRequest landingPage() {
    return BundleRequest.of(List.of(headline(), hero(), landing()));
  }
}
