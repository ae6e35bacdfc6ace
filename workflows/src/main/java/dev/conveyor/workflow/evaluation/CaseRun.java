package dev.conveyor.workflow.evaluation;

import dev.conveyor.workflow.model.Stage;
import java.math.BigDecimal;

/**
 * How one case ended on one profile: the child job's id and its result in brief. The report reads
 * the rest (every attempt's verdict, every call) from the job store.
 *
 * @param caseNumber the case's line in the golden set, from 1
 * @param profile the routing profile
 * @param jobId the child job's id
 * @param state how the child job ended
 * @param qaAttempts how many generations QA judged
 * @param costUsd what the child job spent
 * @param reason why it ended as it did
 */
public record CaseRun(
    int caseNumber,
    String profile,
    String jobId,
    Stage state,
    int qaAttempts,
    BigDecimal costUsd,
    String reason) {}
