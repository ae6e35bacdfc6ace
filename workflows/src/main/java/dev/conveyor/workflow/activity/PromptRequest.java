package dev.conveyor.workflow.activity;

import dev.conveyor.workflow.model.ArtifactRef;
import dev.conveyor.workflow.model.OutputKind;
import java.util.List;

/**
 * Input of prompt generation.
 *
 * @param requirements the stored requirements
 * @param outputKind what the prompt is for
 * @param qaCriteria the checks the output must pass
 */
public record PromptRequest(
    ArtifactRef requirements, OutputKind outputKind, List<String> qaCriteria) {}
