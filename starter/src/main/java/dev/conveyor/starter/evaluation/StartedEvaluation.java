package dev.conveyor.starter.evaluation;

import java.util.List;

/**
 * An evaluation just started.
 *
 * @param evaluationId its id, which is its workflow id
 * @param cases how many cases the golden set holds
 * @param profiles the profiles each case runs on
 */
public record StartedEvaluation(String evaluationId, int cases, List<String> profiles) {}
