package dev.conveyor.workflow;

/**
 * Where a job stands on approval, as the {@link JobSearchAttributes#APPROVAL} search attribute
 * holds it (by name), so operators can filter jobs in the Temporal UI.
 */
public enum ApprovalState {
  /** No human was involved: the job failed or was cancelled before or without a decision. */
  NONE,
  /** A decision is awaited. */
  AWAITING,
  /** A reviewer approved the output. */
  APPROVED,
  /** A reviewer rejected the output. */
  REJECTED,
  /** The job approved its output itself: by policy, or at the timeout as QA passed. */
  AUTO_APPROVED,
  /** Nobody decided in time. */
  EXPIRED
}
