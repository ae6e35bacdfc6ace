/**
 * The cross-part check of a bundle: each part that uses others is checked against them, with the
 * language's checks first for code (HTML contains each used text and references each used image)
 * and then a judge that sees the parts together, every image as an image (the {@code vision-qa}
 * step's chain when images are involved), in the order of every QA step; its verdict names the part
 * at fault.
 *
 * <p>It may touch the artifact store, the code checks ({@code activities.code}), the QA judge
 * ({@code activities.qa}), the model catalog and the model-call core ({@code
 * activities.modelcall}), the briefs and the offline models.
 */
package dev.conveyor.activities.bundle;
