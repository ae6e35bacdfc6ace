package dev.conveyor.workflow.activity;

import dev.conveyor.workflow.model.ArtifactRef;
import dev.conveyor.workflow.model.ModelTier;

/**
 * Input of a generation.
 *
 * @param prompt the stored prompt
 * @param requirements the stored requirements
 * @param feedback QA feedback or a reviewer's comment for this attempt, null for a first attempt
 * @param revision the revision, 0 for the first
 * @param attempt the attempt within the revision, from 1
 * @param tier which of the step's models to use; null means {@link ModelTier#STANDARD}
 * @param profile the routing profile whose chain serves the call; null means {@code default}
 */
public record GenerationRequest(
    ArtifactRef prompt,
    ArtifactRef requirements,
    String feedback,
    int revision,
    int attempt,
    ModelTier tier,
    String profile) {

  /** Returns a request for the step's standard models. */
  public GenerationRequest(
      ArtifactRef prompt, ArtifactRef requirements, String feedback, int revision, int attempt) {
    this(prompt, requirements, feedback, revision, attempt, null);
  }

  /** Returns a request on the {@code default} profile. */
  public GenerationRequest(
      ArtifactRef prompt,
      ArtifactRef requirements,
      String feedback,
      int revision,
      int attempt,
      ModelTier tier) {
    this(prompt, requirements, feedback, revision, attempt, tier, null);
  }
}
