/**
 * Automated QA: cheap deterministic checks that always run first, and an optional model judge that
 * sees the output only when they pass.
 *
 * <p>It may touch the artifact store, the briefs, the text analysis, the offline models, the model
 * catalog, the model-call core ({@code activities.modelcall}) and the call log.
 */
package dev.conveyor.activities.qa;
