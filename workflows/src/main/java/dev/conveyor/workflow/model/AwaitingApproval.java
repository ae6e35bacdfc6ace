package dev.conveyor.workflow.model;

import java.time.Instant;

/**
 * The decision a job is waiting for.
 *
 * @param reason why a human must decide
 * @param revision the revision awaiting the decision
 * @param qaPassed whether the output awaiting the decision passed QA
 * @param since when the wait started
 * @param deadline when the wait expires
 * @param detail what went wrong, for MODELS_EXHAUSTED; null otherwise
 */
public record AwaitingApproval(
    ApprovalReason reason,
    int revision,
    boolean qaPassed,
    Instant since,
    Instant deadline,
    String detail) {}
