package dev.conveyor.workflow.activity;

import dev.conveyor.workflow.model.ArtifactRef;
import dev.conveyor.workflow.model.ModelCall;

/**
 * What a generating step produced.
 *
 * @param artifact the stored content
 * @param call the model call that produced it
 */
public record StepResult(ArtifactRef artifact, ModelCall call) {}
