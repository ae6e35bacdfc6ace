package dev.conveyor.workflow.model;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;

/**
 * What a service asks Conveyor to make together: named parts (for example a headline, a hero image
 * and the HTML that uses both), checked against each other and approved in one decision. Optional
 * fields may be null and take the defaults of a job.
 *
 * @param parts 1 to {@value #MAX_PARTS} parts with distinct names; the parts a part uses must exist
 *     and may not use it back, directly or through others
 * @param maxRevisions how many times reviewers may send chosen parts back (default 2)
 * @param maxConsistencyAttempts how many times the cross-part check may send a part back before the
 *     bundle goes to its reviewers anyway (default {@value #DEFAULT_CONSISTENCY_ATTEMPTS})
 * @param approvalTimeout how long the decision may take (default 72 hours)
 * @param budgetUsd the most the whole bundle may spend, across its parts; null for no limit
 * @param submitter who submitted the bundle
 * @param tags free labels, given to every part
 */
public record BundleRequest(
    List<BundlePart> parts,
    Integer maxRevisions,
    Integer maxConsistencyAttempts,
    Duration approvalTimeout,
    BigDecimal budgetUsd,
    String submitter,
    List<String> tags) {

  public static final int MAX_PARTS = 8;
  public static final int DEFAULT_CONSISTENCY_ATTEMPTS = 2;
  public static final int MAX_CONSISTENCY_ATTEMPTS = 5;

  /** Returns a bundle of the parts with every optional field at its default. */
  public static BundleRequest of(List<BundlePart> parts) {
    return new BundleRequest(parts, null, null, null, null, null, null);
  }

  /** Returns this request with its null optional fields set to their defaults. */
  public BundleRequest withDefaults() {
    return new BundleRequest(
        parts == null ? List.of() : List.copyOf(parts),
        maxRevisions == null ? JobRequest.DEFAULT_MAX_REVISIONS : maxRevisions,
        maxConsistencyAttempts == null ? DEFAULT_CONSISTENCY_ATTEMPTS : maxConsistencyAttempts,
        approvalTimeout == null ? JobRequest.DEFAULT_APPROVAL_TIMEOUT : approvalTimeout,
        budgetUsd,
        submitter,
        tags == null ? List.of() : List.copyOf(tags));
  }

  /** Returns this request with another budget, for example what is left of it. */
  public BundleRequest withBudget(BigDecimal budget) {
    return new BundleRequest(
        parts, maxRevisions, maxConsistencyAttempts, approvalTimeout, budget, submitter, tags);
  }

  /** Returns the part of this name, null when there is none. */
  public BundlePart part(String name) {
    return parts == null
        ? null
        : parts.stream()
            .filter(p -> p.name() != null && p.name().equals(name))
            .findFirst()
            .orElse(null);
  }
}
