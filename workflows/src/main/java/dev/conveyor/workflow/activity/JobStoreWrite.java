package dev.conveyor.workflow.activity;

import dev.conveyor.workflow.model.JobRequest;
import dev.conveyor.workflow.model.JobStatus;
import java.util.List;

/**
 * One write of a job into the job store: the job's current state and the events since the last
 * write that succeeded. Every write carries the job row's whole state, and what changed since the
 * last write that succeeded, so a write that failed is healed by the next one; the sequence number
 * makes a repeated or late write a no-op.
 *
 * @param jobId the job's id, which is its workflow id
 * @param sequence the write's number within its job, from 1; the store keeps the highest
 * @param request the request as submitted (with defaults), or as received when it was invalid; null
 *     once a write has stored it (the store keeps the stored one)
 * @param status the job's status at the time of the write; since the workflow's {@code
 *     slim-store-writes} version, only what the store keeps: no model map, usage by step or budget
 *     interventions, and only the attempts changed since the last write that succeeded
 * @param events the events to append, each with its own sequence number
 */
public record JobStoreWrite(
    String jobId, long sequence, JobRequest request, JobStatus status, List<JobEvent> events) {

  public JobStoreWrite {
    events = events == null ? List.of() : List.copyOf(events);
  }
}
