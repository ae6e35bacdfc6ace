package dev.conveyor.workflow.model;

import java.util.List;

/**
 * The one human decision on a bundle: approve every part, reject the whole bundle, or send chosen
 * parts back with comments (only those parts and the parts that use them run again).
 *
 * @param action APPROVE or REJECT
 * @param reviewer who decided
 * @param comment the reviewer's comment on the bundle
 * @param parts with REJECT: the parts to run again, each with its comment; empty rejects the bundle
 *     for good
 */
public record BundleDecision(
    DecisionAction action, String reviewer, String comment, List<PartRejection> parts) {

  public BundleDecision {
    parts = parts == null ? List.of() : List.copyOf(parts);
  }

  /** Returns the approval of every part. */
  public static BundleDecision approve(String reviewer, String comment) {
    return new BundleDecision(DecisionAction.APPROVE, reviewer, comment, List.of());
  }

  /** Returns a rejection that sends the parts back with their comments. */
  public static BundleDecision sendBack(String reviewer, List<PartRejection> parts) {
    return new BundleDecision(DecisionAction.REJECT, reviewer, null, parts);
  }

  /** Returns whether the decision sends chosen parts back instead of ending the bundle. */
  public boolean sendsPartsBack() {
    return action == DecisionAction.REJECT && !parts.isEmpty();
  }

  /** Returns the decision's reviewer, action and comment as a job's decision is checked. */
  public ReviewDecision asReviewDecision() {
    return new ReviewDecision(action, reviewer, comment, null);
  }
}
