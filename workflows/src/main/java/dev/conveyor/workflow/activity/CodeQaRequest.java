package dev.conveyor.workflow.activity;

import dev.conveyor.workflow.model.ArtifactRef;
import dev.conveyor.workflow.model.ModelTier;
import java.util.List;

/**
 * Input of a code check.
 *
 * @param output the stored code to judge
 * @param requirements the stored requirements
 * @param qaCriteria the checks, in words
 * @param spec the language and what the code must contain
 * @param revision the revision, 0 for the first
 * @param attempt the attempt within the revision, from 1
 * @param tier which of the step's models to use; null means {@link ModelTier#STANDARD}
 * @param profile the routing profile whose chain serves the call; null means {@code default}
 */
public record CodeQaRequest(
    ArtifactRef output,
    ArtifactRef requirements,
    List<String> qaCriteria,
    CodeSpec spec,
    int revision,
    int attempt,
    ModelTier tier,
    String profile) {

  /** Returns a request on the {@code default} profile. */
  public CodeQaRequest(
      ArtifactRef output,
      ArtifactRef requirements,
      List<String> qaCriteria,
      CodeSpec spec,
      int revision,
      int attempt,
      ModelTier tier) {
    this(output, requirements, qaCriteria, spec, revision, attempt, tier, null);
  }
}
