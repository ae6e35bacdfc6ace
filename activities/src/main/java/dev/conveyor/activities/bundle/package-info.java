/**
 * The cross-part check of a bundle: each part that uses others is checked against them, with the
 * language's checks first (HTML contains each used text and references each used image) and then
 * the judge of the {@code code-qa} step, in the order and with the verdict of every QA step.
 *
 * <p>It may touch the artifact store, the code checks ({@code activities.code}), the QA judge
 * ({@code activities.qa}), the model catalog and the model-call core ({@code
 * activities.modelcall}).
 */
package dev.conveyor.activities.bundle;
