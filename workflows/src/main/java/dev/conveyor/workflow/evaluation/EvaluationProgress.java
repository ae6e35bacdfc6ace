package dev.conveyor.workflow.evaluation;

import java.util.List;
import java.util.Map;

/**
 * An evaluation's progress, as its {@code progress} query answers it and as its result.
 *
 * @param evaluationId the evaluation's id, which is its workflow id
 * @param stage where it is
 * @param cases how many cases each profile runs
 * @param profiles the profiles compared
 * @param done how many cases have ended, per profile
 * @param approved how many of those ended APPROVED (QA passed), per profile
 * @param running how many child jobs run now
 * @param report the written report, null until it is
 * @param reason why it was cancelled or failed, null otherwise
 */
public record EvaluationProgress(
    String evaluationId,
    EvaluationStage stage,
    int cases,
    List<String> profiles,
    Map<String, Integer> done,
    Map<String, Integer> approved,
    int running,
    EvaluationReportRefs report,
    String reason) {}
