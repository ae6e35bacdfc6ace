package dev.conveyor.store;

import dev.conveyor.workflow.activity.JobEventType;
import dev.conveyor.workflow.model.Stage;
import java.time.Instant;

/**
 * One event in a job's life, as the store recorded it.
 *
 * @param at when it happened (workflow time)
 * @param type what happened
 * @param stage the job's stage after the event
 * @param revision the revision it concerns
 * @param attempt the attempt it concerns, 0 when none
 * @param actor who caused it: a reviewer, {@code policy}, {@code timeout}, or null for the job
 * @param detail a one-line description for people
 */
public record TimelineEvent(
    Instant at,
    JobEventType type,
    Stage stage,
    int revision,
    int attempt,
    String actor,
    String detail) {}
