package dev.conveyor.starter.evaluation;

import dev.conveyor.workflow.evaluation.GoldenCase;
import java.time.Instant;

/**
 * One output a reviewer decided on: the case it answered, labelled with the decision ({@code pass}
 * approved, {@code fail} rejected), and the score QA gave it.
 *
 * @param jobId the job
 * @param revision the revision decided on
 * @param golden the job's request as a golden case, labelled, the decision in its notes
 * @param qaScore QA's score of the output decided on, null when QA judged none
 * @param approved whether the reviewer approved it
 * @param at when the reviewer decided
 */
public record ReviewedOutput(
    String jobId, int revision, GoldenCase golden, Double qaScore, boolean approved, Instant at) {}
