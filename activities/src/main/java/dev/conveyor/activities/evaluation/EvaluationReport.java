package dev.conveyor.activities.evaluation;

import java.util.List;

/**
 * An evaluation's report.
 *
 * @param evaluationId the evaluation
 * @param marginPoints how far below the best first-attempt pass rate the verdict's profile may be
 * @param profiles the figures of each profile, in the order asked
 * @param verdictProfile the cheapest profile within the margin of the best
 * @param verdict the verdict in one sentence
 * @param cases every case on every profile
 */
public record EvaluationReport(
    String evaluationId,
    double marginPoints,
    List<ProfileSummary> profiles,
    String verdictProfile,
    String verdict,
    List<CaseResult> cases) {}
