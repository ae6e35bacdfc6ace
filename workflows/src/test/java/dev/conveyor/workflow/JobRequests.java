package dev.conveyor.workflow;

import dev.conveyor.workflow.model.ApprovalPolicy;
import dev.conveyor.workflow.model.JobRequest;
import dev.conveyor.workflow.model.OutputKind;
import java.math.BigDecimal;
import java.util.List;

/** Requests the workflow tests submit. */
final class JobRequests {

  static final String REQUIREMENTS = "A two-sentence blurb for a steel water bottle.";
  static final List<String> CRITERIA = List.of("mentions the capacity", "no superlatives");

  private JobRequests() {}

  /** A text job with every optional field at its default: policy ALWAYS, 3 QA attempts. */
  static JobRequest text() {
    return JobRequest.of(REQUIREMENTS, OutputKind.TEXT, CRITERIA);
  }

  /** A text job with the given approval policy. */
  static JobRequest text(ApprovalPolicy policy) {
    return text().toBuilder().approvalPolicy(policy).build();
  }

  /** An image job with every optional field at its default. */
  static JobRequest image() {
    return JobRequest.of("A steel water bottle on a beach at dawn.", OutputKind.IMAGE, CRITERIA);
  }

  /** Returns the request with a score threshold. */
  static JobRequest withThreshold(JobRequest r, double threshold) {
    return r.toBuilder().scoreThreshold(threshold).build();
  }

  /** Returns the request with a budget. */
  static JobRequest withBudget(JobRequest r, String budgetUsd) {
    return r.toBuilder().budgetUsd(new BigDecimal(budgetUsd)).build();
  }

  /** Returns the request with other requirements. */
  static JobRequest withRequirements(JobRequest r, String requirements) {
    return r.toBuilder().requirements(requirements).build();
  }
}
