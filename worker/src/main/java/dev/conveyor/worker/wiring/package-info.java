/**
 * Builds the activity beans from the worker's settings, one configuration per concern: the artifact
 * store ({@code ArtifactConfiguration}), the model catalog ({@code ModelCatalogConfiguration}), the
 * call log and model-call metrics ({@code ObservabilityConfiguration}) and the activities of the
 * pipeline's model-backed stages ({@code PipelineActivityConfiguration}) and the evaluation's
 * activities ({@code EvaluationConfiguration}, which read the job store's queries). It may touch
 * the {@code activities} module and the worker's settings ({@code dev.conveyor.worker.config}); the
 * job store's beans live in {@code dev.conveyor.worker.store}.
 */
package dev.conveyor.worker.wiring;
