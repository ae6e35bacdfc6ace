package dev.conveyor.workflow.evaluation;

import dev.conveyor.workflow.model.ArtifactRef;
import java.util.List;

/**
 * What the report activity needs: the golden set (for the labels and notes), the profiles, the
 * margin, and how every case ended on every profile.
 *
 * @param evaluationId the evaluation's id
 * @param goldenSet the stored golden set
 * @param profiles the profiles compared, in the order asked
 * @param marginPoints the verdict's margin in points of first-attempt pass rate
 * @param runs every case on every profile
 */
public record ReportRequest(
    String evaluationId,
    ArtifactRef goldenSet,
    List<String> profiles,
    double marginPoints,
    List<CaseRun> runs) {}
