package dev.conveyor.workflow.activity;

import dev.conveyor.workflow.model.Stage;
import java.time.Instant;

/**
 * One event in a job's life, numbered by the workflow so that writing it twice is harmless.
 *
 * @param sequence the event's number within its job, from 1, in the order the job saw them
 * @param type what happened
 * @param at when it happened (workflow time)
 * @param stage the job's stage after the event
 * @param revision the revision it concerns
 * @param attempt the attempt it concerns, 0 when none
 * @param actor who caused it: a reviewer, {@code policy}, {@code timeout}, or null for the job
 * @param detail a one-line description for people
 */
public record JobEvent(
    long sequence,
    JobEventType type,
    Instant at,
    Stage stage,
    int revision,
    int attempt,
    String actor,
    String detail) {}
