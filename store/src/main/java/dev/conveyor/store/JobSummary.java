package dev.conveyor.store;

import dev.conveyor.workflow.model.ApprovalReason;
import dev.conveyor.workflow.model.BundleStage;
import dev.conveyor.workflow.model.OutputKind;
import dev.conveyor.workflow.model.Stage;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * A job, or a bundle, as a listing shows it.
 *
 * @param jobId the job's id, which is its workflow id
 * @param outputKind TEXT or IMAGE
 * @param stage the current stage or final state
 * @param submitter who submitted the job, null when unknown
 * @param tags the job's tags
 * @param revision the current revision
 * @param costUsd what the job has spent so far
 * @param awaitingReason why a human must decide, null when no decision is awaited
 * @param awaitingSince when the job started waiting for a decision, null when it is not waiting
 * @param awaitingDeadline when that wait expires, null when it is not waiting
 * @param createdAt when the job started
 * @param updatedAt when the store last heard of it
 * @param finishedAt when it ended (or was found LOST), null while it runs
 * @param resubmittedAs the job that replaced this one by a resubmission, null when none did
 * @param resubmittedFrom the job this one was resubmitted from, null for a first submission
 * @param kind JOB, or BUNDLE for a bundle (then {@code jobId} is the bundle's id, {@code
 *     outputKind} is null and {@code stage} is the bundle's stage as a job's: GENERATE while its
 *     parts run, QA during the cross-part check, else the same word)
 * @param bundleId for a part's job, the bundle it belongs to; null otherwise
 * @param bundleStage for a bundle, its own stage (RUNNING, CHECKING, AWAITING_APPROVAL or a final
 *     state); null for a job
 */
public record JobSummary(
    String jobId,
    OutputKind outputKind,
    Stage stage,
    String submitter,
    List<String> tags,
    int revision,
    BigDecimal costUsd,
    ApprovalReason awaitingReason,
    Instant awaitingSince,
    Instant awaitingDeadline,
    Instant createdAt,
    Instant updatedAt,
    Instant finishedAt,
    String resubmittedAs,
    String resubmittedFrom,
    ItemKind kind,
    String bundleId,
    BundleStage bundleStage) {

  public JobSummary {
    tags = tags == null ? List.of() : List.copyOf(tags);
    costUsd = costUsd == null ? BigDecimal.ZERO : costUsd;
    kind = kind == null ? ItemKind.JOB : kind;
  }
}
