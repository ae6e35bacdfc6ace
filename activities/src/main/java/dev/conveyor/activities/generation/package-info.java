/**
 * Generation: the primary model turns the prompt, and any feedback, into the output, which is
 * stored in the artifact store.
 *
 * <p>It may touch the artifact store, the briefs, the model catalog, the model-call core ({@code
 * activities.modelcall}) and the call log.
 */
package dev.conveyor.activities.generation;
