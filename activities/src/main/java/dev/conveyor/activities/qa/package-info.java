/**
 * Automated QA: cheap deterministic checks that always run first, and an optional model judge that
 * sees the output only when they pass ({@link dev.conveyor.activities.qa.QaJudge}, which the code
 * QA of {@code activities.coding} follows too), with one structured verdict for every judge.
 *
 * <p>It may touch the artifact store, the briefs, the text analysis, the code fences, the offline
 * models, the model catalog, the model-call core ({@code activities.modelcall}) and the call log.
 */
package dev.conveyor.activities.qa;
