package dev.conveyor.workflow.activity;

import dev.conveyor.workflow.model.ArtifactRef;
import dev.conveyor.workflow.model.CodeLanguage;
import dev.conveyor.workflow.model.ModelTier;
import dev.conveyor.workflow.model.OutputKind;
import java.util.List;

/**
 * Input of prompt generation.
 *
 * @param requirements the stored requirements
 * @param outputKind what the prompt is for
 * @param qaCriteria the checks the output must pass
 * @param tier which of the step's models to use; null means {@link ModelTier#STANDARD}
 * @param language with CODE: the language the prompt asks for; null for other kinds
 * @param profile the routing profile whose chain serves the call; null means {@code default}
 * @param followedTexts with a TEXT or IMAGE part of a bundle: the stored texts of the TEXT parts it
 *     uses, which the prompt writer is told and the written prompt carries; empty otherwise (and in
 *     requests recorded before the field existed)
 */
public record PromptRequest(
    ArtifactRef requirements,
    OutputKind outputKind,
    List<String> qaCriteria,
    ModelTier tier,
    CodeLanguage language,
    String profile,
    List<ArtifactRef> followedTexts) {

  public PromptRequest {
    followedTexts = followedTexts == null ? List.of() : List.copyOf(followedTexts);
  }

  /** Returns a request that follows no texts. */
  public PromptRequest(
      ArtifactRef requirements,
      OutputKind outputKind,
      List<String> qaCriteria,
      ModelTier tier,
      CodeLanguage language,
      String profile) {
    this(requirements, outputKind, qaCriteria, tier, language, profile, List.of());
  }

  /** Returns a request for a TEXT or IMAGE output. */
  public PromptRequest(
      ArtifactRef requirements, OutputKind outputKind, List<String> qaCriteria, ModelTier tier) {
    this(requirements, outputKind, qaCriteria, tier, null);
  }

  /** Returns a request for the step's standard models. */
  public PromptRequest(ArtifactRef requirements, OutputKind outputKind, List<String> qaCriteria) {
    this(requirements, outputKind, qaCriteria, null);
  }

  /** Returns a request on the {@code default} profile. */
  public PromptRequest(
      ArtifactRef requirements,
      OutputKind outputKind,
      List<String> qaCriteria,
      ModelTier tier,
      CodeLanguage language) {
    this(requirements, outputKind, qaCriteria, tier, language, null);
  }
}
