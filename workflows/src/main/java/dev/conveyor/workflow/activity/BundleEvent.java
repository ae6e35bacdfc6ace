package dev.conveyor.workflow.activity;

import dev.conveyor.workflow.model.BundleStage;
import java.time.Instant;

/**
 * One event in a bundle's life, numbered by the bundle workflow so that writing it twice is
 * harmless.
 *
 * @param sequence the event's number within its bundle, from 1, in the order the bundle saw them
 * @param type what happened: SUBMITTED, STAGE, PART, DECISION or FINISHED
 * @param at when it happened (workflow time)
 * @param stage the bundle's stage after the event
 * @param revision the bundle's revision then
 * @param actor who caused it: a reviewer, {@code timeout}, or null for the bundle
 * @param detail a one-line description for people
 */
public record BundleEvent(
    long sequence,
    JobEventType type,
    Instant at,
    BundleStage stage,
    int revision,
    String actor,
    String detail) {}
