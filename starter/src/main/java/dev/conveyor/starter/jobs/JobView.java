package dev.conveyor.starter.jobs;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import dev.conveyor.workflow.model.JobStatus;

/**
 * A job's status as {@code GET /api/jobs/{id}} answers it: the status's own fields, where they came
 * from, and the job's resubmission links.
 *
 * @param status the job's status
 * @param source TEMPORAL when the workflow answered, STORE when the job store did
 * @param sourceReason why the job store answered, null when Temporal did
 * @param resubmittedAs the job that replaced this one, null when none did
 * @param resubmittedFrom the job this one replaces, null for a first submission
 */
public record JobView(
    @JsonUnwrapped JobStatus status,
    JobSource source,
    String sourceReason,
    String resubmittedAs,
    String resubmittedFrom) {}
