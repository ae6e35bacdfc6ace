package dev.conveyor.client;

import dev.conveyor.workflow.model.Stage;

/**
 * The answer to a submission.
 *
 * @param jobId the job's id, which is its workflow id
 * @param created true when this call started the job, false when a job with the same idempotency
 *     key already existed and was returned instead
 * @param status the job's stage: {@code PROMPT} for a new job, the current stage for an existing
 *     one
 */
public record StartedJob(String jobId, boolean created, Stage status) {}
