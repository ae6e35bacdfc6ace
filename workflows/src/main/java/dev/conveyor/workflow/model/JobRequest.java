package dev.conveyor.workflow.model;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;

/**
 * What a service asks Conveyor to produce. Optional fields may be null; {@link #withDefaults()}
 * fills them in.
 *
 * @param requirements the business requirements, 1 to 20,000 characters
 * @param outputKind TEXT or IMAGE
 * @param qaCriteria checks, in words, that QA applies on top of the requirements
 * @param maxQaAttempts how many generations QA may judge per revision (default 3)
 * @param maxRevisions how many new revisions reviewers may ask for after a rejection (default 2)
 * @param approvalPolicy when a human must decide (default ALWAYS)
 * @param scoreThreshold with BELOW_SCORE: the QA score under which a human decides (default 0.8)
 * @param approvalTimeout how long a decision may take (default 72 hours)
 * @param onExpiry what happens when nobody decides in time (default EXPIRE)
 * @param budgetUsd the most the job may spend on model calls, null for no limit
 * @param submitter who submitted the job
 * @param tags free labels for finding jobs
 */
public record JobRequest(
    String requirements,
    OutputKind outputKind,
    List<String> qaCriteria,
    Integer maxQaAttempts,
    Integer maxRevisions,
    ApprovalPolicy approvalPolicy,
    Double scoreThreshold,
    Duration approvalTimeout,
    ExpiryAction onExpiry,
    BigDecimal budgetUsd,
    String submitter,
    List<String> tags) {

  public static final int MAX_REQUIREMENTS = 20_000;
  public static final int DEFAULT_MAX_QA_ATTEMPTS = 3;
  public static final int DEFAULT_MAX_REVISIONS = 2;
  public static final double DEFAULT_SCORE_THRESHOLD = 0.8;
  public static final Duration DEFAULT_APPROVAL_TIMEOUT = Duration.ofHours(72);

  /** Returns a text request with every optional field at its default. */
  public static JobRequest of(String requirements, OutputKind kind, List<String> criteria) {
    return new JobRequest(
        requirements, kind, criteria, null, null, null, null, null, null, null, null, null);
  }

  /** Returns this request with its null optional fields set to their defaults. */
  public JobRequest withDefaults() {
    return new JobRequest(
        requirements,
        outputKind == null ? OutputKind.TEXT : outputKind,
        qaCriteria == null ? List.of() : List.copyOf(qaCriteria),
        maxQaAttempts == null ? DEFAULT_MAX_QA_ATTEMPTS : maxQaAttempts,
        maxRevisions == null ? DEFAULT_MAX_REVISIONS : maxRevisions,
        approvalPolicy == null ? ApprovalPolicy.ALWAYS : approvalPolicy,
        scoreThreshold == null ? DEFAULT_SCORE_THRESHOLD : scoreThreshold,
        approvalTimeout == null ? DEFAULT_APPROVAL_TIMEOUT : approvalTimeout,
        onExpiry == null ? ExpiryAction.EXPIRE : onExpiry,
        budgetUsd,
        submitter,
        tags == null ? List.of() : List.copyOf(tags));
  }

  /** Returns a copy with another approval policy. */
  public JobRequest withApprovalPolicy(ApprovalPolicy policy) {
    return new JobRequest(
        requirements,
        outputKind,
        qaCriteria,
        maxQaAttempts,
        maxRevisions,
        policy,
        scoreThreshold,
        approvalTimeout,
        onExpiry,
        budgetUsd,
        submitter,
        tags);
  }

  /** Returns a copy with other QA and revision limits. */
  public JobRequest withLimits(Integer qaAttempts, Integer revisions) {
    return new JobRequest(
        requirements,
        outputKind,
        qaCriteria,
        qaAttempts,
        revisions,
        approvalPolicy,
        scoreThreshold,
        approvalTimeout,
        onExpiry,
        budgetUsd,
        submitter,
        tags);
  }

  /** Returns a copy with another approval timeout and expiry action. */
  public JobRequest withExpiry(Duration timeout, ExpiryAction action) {
    return new JobRequest(
        requirements,
        outputKind,
        qaCriteria,
        maxQaAttempts,
        maxRevisions,
        approvalPolicy,
        scoreThreshold,
        timeout,
        action,
        budgetUsd,
        submitter,
        tags);
  }
}
