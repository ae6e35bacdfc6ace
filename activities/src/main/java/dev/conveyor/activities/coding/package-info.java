/**
 * CODE outputs: generation with the chat models of the {@code code-generation} step, and QA with
 * the language's checks ({@code activities.code}) followed by the judge of the {@code code-qa}
 * step, in the same order and the same verdict as the text and image QA. Generated code is stored
 * and read, never executed.
 *
 * <p>It may touch the artifact store, the briefs, the code checks, the QA judge ({@code
 * activities.qa}), the model catalog, the model-call core ({@code activities.modelcall}) and the
 * call log.
 */
package dev.conveyor.activities.coding;
