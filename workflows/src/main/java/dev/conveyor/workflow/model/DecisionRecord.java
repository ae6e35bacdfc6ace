package dev.conveyor.workflow.model;

import java.time.Instant;

/**
 * A decision as the job recorded it, applied or ignored.
 *
 * @param action approve or reject
 * @param reviewer who decided
 * @param comment the reviewer's comment
 * @param regenerate whether a rejection asked for a new revision
 * @param revision the revision the decision was about
 * @param via how it arrived: {@code signal}, {@code update}, {@code policy} or {@code timeout}
 * @param applied whether the job acted on it
 * @param note why it was ignored, or how the job resolved a timeout
 * @param at when it arrived (workflow time)
 */
public record DecisionRecord(
    DecisionAction action,
    String reviewer,
    String comment,
    boolean regenerate,
    int revision,
    String via,
    boolean applied,
    String note,
    Instant at) {}
