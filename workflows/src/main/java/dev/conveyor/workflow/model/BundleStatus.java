package dev.conveyor.workflow.model;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * A bundle's progress, as its {@code status} query answers it, and its result once it ended.
 *
 * @param bundleId the bundle's workflow id
 * @param stage where the bundle is
 * @param revision how many times reviewers sent parts back
 * @param consistencyRuns how many times the cross-part check ran
 * @param parts every part, in the request's order
 * @param costUsd what every part spent, with the cross-part checks
 * @param budgetUsd the bundle's budget, null for none
 * @param awaitingSince when the decision awaited began, null when none is awaited
 * @param deadline when the decision awaited expires
 * @param decisions the decisions taken, in order
 * @param decidedBy who took the final decision: a reviewer, {@code timeout} or null
 * @param reason why the bundle awaits a decision or ended as it did
 * @param createdAt when the bundle started
 * @param updatedAt when its status last changed
 * @param finishedAt when it ended, null while it runs
 * @param submitter who submitted the bundle
 */
public record BundleStatus(
    String bundleId,
    BundleStage stage,
    int revision,
    int consistencyRuns,
    List<PartStatus> parts,
    BigDecimal costUsd,
    BigDecimal budgetUsd,
    Instant awaitingSince,
    Instant deadline,
    List<BundleDecision> decisions,
    String decidedBy,
    String reason,
    Instant createdAt,
    Instant updatedAt,
    Instant finishedAt,
    String submitter) {

  public BundleStatus {
    parts = parts == null ? List.of() : List.copyOf(parts);
    decisions = decisions == null ? List.of() : List.copyOf(decisions);
  }

  /** Returns the part of this name, null when there is none. */
  public PartStatus part(String name) {
    return parts.stream().filter(p -> p.name().equals(name)).findFirst().orElse(null);
  }
}
