/**
 * Prompt generation: a small, cheap model turns the business requirements into a prompt.
 *
 * <p>It may touch the artifact store, the briefs, the model catalog, the model-call core ({@code
 * activities.modelcall}) and the call log.
 */
package dev.conveyor.activities.prompt;
