package dev.conveyor.workflow.model;

/**
 * One part a reviewer sends back: it and the parts that use it run again with the comment.
 *
 * @param part the part's name
 * @param comment what the part's next run must change
 */
public record PartRejection(String part, String comment) {}
