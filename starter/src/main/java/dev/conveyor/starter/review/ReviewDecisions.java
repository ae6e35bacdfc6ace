package dev.conveyor.starter.review;

import dev.conveyor.client.DecisionRejectedException;
import dev.conveyor.client.JobClient;
import dev.conveyor.starter.security.Role;
import dev.conveyor.store.JobDetail;
import dev.conveyor.store.JobQueries;
import dev.conveyor.workflow.model.DecisionAction;
import dev.conveyor.workflow.model.JobStatus;
import dev.conveyor.workflow.model.ReviewDecision;
import java.util.List;
import java.util.Optional;
import org.springframework.security.core.Authentication;

/**
 * Applies a reviewer's decision on behalf of the authenticated principal. The reviewer recorded in
 * the job's decisions, and so in its audit trail, is always {@link Authentication#getName()}.
 *
 * <p>An approval by the job's own submitter is refused unless {@code allowSelfApproval} is set or
 * the principal is an admin. The submitter is read from the job store; a job the store does not
 * know yet cannot be approved by a non-admin while self-approval is off, so the rule never fails
 * open.
 */
public class ReviewDecisions {

  private final JobClient jobs;
  private final JobQueries store;
  private final boolean allowSelfApproval;

  public ReviewDecisions(JobClient jobs, JobQueries store, boolean allowSelfApproval) {
    this.jobs = jobs;
    this.store = store;
    this.allowSelfApproval = allowSelfApproval;
  }

  /**
   * Decides on a job as the authenticated principal and returns the job's status afterwards.
   *
   * @throws SelfApprovalException when the principal submitted the job and may not approve it
   * @throws DecisionRejectedException when the job does not accept the decision
   */
  public JobStatus decide(
      String jobId,
      DecisionAction action,
      String comment,
      boolean regenerate,
      Authentication principal) {
    String reviewer = principal.getName();
    if (action == DecisionAction.APPROVE) {
      checkNotSelfApproval(jobId, principal);
    }
    return jobs.decide(
        jobId,
        new ReviewDecision(
            action,
            reviewer,
            comment == null || comment.isBlank() ? null : comment.strip(),
            action == DecisionAction.REJECT && regenerate ? Boolean.TRUE : null));
  }

  private void checkNotSelfApproval(String jobId, Authentication principal) {
    if (allowSelfApproval || isAdmin(principal)) {
      return;
    }
    Optional<JobDetail> job = store.find(jobId);
    if (job.isEmpty()) {
      jobs.status(jobId); // an unknown job is a 404 rather than a 409
      throw new DecisionRejectedException(
          DecisionRejectedException.Reason.OUT_OF_TURN,
          "job "
              + jobId
              + " is not in the job store yet, so its submitter is unknown; try again shortly",
          List.of());
    }
    String submitter = job.get().summary().submitter();
    if (submitter != null && submitter.equals(principal.getName())) {
      throw new SelfApprovalException(principal.getName(), jobId);
    }
  }

  static boolean isAdmin(Authentication principal) {
    String admin = Role.ADMIN.authority().getAuthority();
    return principal.getAuthorities().stream().anyMatch(a -> admin.equals(a.getAuthority()));
  }
}
