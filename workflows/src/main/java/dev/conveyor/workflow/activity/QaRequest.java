package dev.conveyor.workflow.activity;

import dev.conveyor.workflow.model.ArtifactRef;
import dev.conveyor.workflow.model.ModelTier;
import java.util.List;

/**
 * Input of a QA check.
 *
 * @param output the stored output to judge
 * @param requirements the stored requirements
 * @param qaCriteria the checks, in words
 * @param revision the revision, 0 for the first
 * @param attempt the attempt within the revision, from 1
 * @param tier which of the step's models to use; null means {@link ModelTier#STANDARD}
 * @param profile the routing profile whose chain serves the call; null means {@code default}
 */
public record QaRequest(
    ArtifactRef output,
    ArtifactRef requirements,
    List<String> qaCriteria,
    int revision,
    int attempt,
    ModelTier tier,
    String profile) {

  /** Returns a request for the step's standard models. */
  public QaRequest(
      ArtifactRef output,
      ArtifactRef requirements,
      List<String> qaCriteria,
      int revision,
      int attempt) {
    this(output, requirements, qaCriteria, revision, attempt, null);
  }

  /** Returns a request on the {@code default} profile. */
  public QaRequest(
      ArtifactRef output,
      ArtifactRef requirements,
      List<String> qaCriteria,
      int revision,
      int attempt,
      ModelTier tier) {
    this(output, requirements, qaCriteria, revision, attempt, tier, null);
  }
}
