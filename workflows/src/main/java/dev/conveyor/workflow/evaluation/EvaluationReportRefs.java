package dev.conveyor.workflow.evaluation;

import dev.conveyor.workflow.model.ArtifactRef;

/**
 * The written report, in its three formats, and its verdict in one line.
 *
 * @param json the report as JSON
 * @param markdown the report as Markdown
 * @param html the report as an HTML page with its plots inline
 * @param verdict the verdict, for example {@code economy: the cheapest profile within 5 points of
 *     the best first-attempt pass rate}
 */
public record EvaluationReportRefs(
    ArtifactRef json, ArtifactRef markdown, ArtifactRef html, String verdict) {}
