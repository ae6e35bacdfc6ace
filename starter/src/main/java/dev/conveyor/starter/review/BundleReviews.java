package dev.conveyor.starter.review;

import dev.conveyor.client.BundleClient;
import dev.conveyor.workflow.model.BundleDecision;
import dev.conveyor.workflow.model.BundleStatus;
import dev.conveyor.workflow.model.DecisionAction;
import org.springframework.security.core.Authentication;

/**
 * Reviewers' decisions on bundles: the reviewer is the authenticated principal, and a reviewer may
 * not approve a bundle they submitted unless self-approval is allowed or they are an admin.
 */
public class BundleReviews {

  private final BundleClient bundles;
  private final boolean allowSelfApproval;

  public BundleReviews(BundleClient bundles, boolean allowSelfApproval) {
    this.bundles = bundles;
    this.allowSelfApproval = allowSelfApproval;
  }

  /**
   * Applies a decision as the principal and returns the bundle's status once it acted on it.
   *
   * @throws SelfApprovalException when the principal submitted the bundle and may not approve it
   */
  public BundleStatus decide(String bundleId, BundleDecision decision, Authentication principal) {
    BundleDecision asPrincipal =
        new BundleDecision(
            decision.action(), principal.getName(), decision.comment(), decision.parts());
    if (decision.action() == DecisionAction.APPROVE
        && !allowSelfApproval
        && !ReviewDecisions.isAdmin(principal)) {
      String submitter = bundles.status(bundleId).submitter();
      if (submitter != null && submitter.equals(principal.getName())) {
        throw new SelfApprovalException(principal.getName(), bundleId);
      }
    }
    return bundles.decide(bundleId, asPrincipal);
  }
}
