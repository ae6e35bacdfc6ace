package dev.conveyor.bench;

import dev.conveyor.workflow.model.ApprovalPolicy;
import dev.conveyor.workflow.model.JobRequest;
import dev.conveyor.workflow.model.OutputKind;
import java.util.List;

/** The one job every benchmark runs, so that all rows measure the same pipeline. */
public final class Jobs {

  /** The requirements of every benchmark job. */
  public static final String REQUIREMENTS =
      "Write a product description of a stainless steel water bottle for hikers. Mention that it"
          + " keeps drinks cold for 24 hours, weighs 350 grams and costs 29 euros.";

  /** The QA criteria of every benchmark job. */
  public static final List<String> CRITERIA = List.of("mentions the price");

  /** QA attempts per revision, as the workflow's default. */
  public static final int MAX_QA_ATTEMPTS = JobRequest.DEFAULT_MAX_QA_ATTEMPTS;

  /** Model calls per job with QA passing at once: prompt, generation, QA. */
  public static final int MODEL_CALLS_PER_JOB = 3;

  private Jobs() {}

  /** Returns the job request with the given approval policy. */
  public static JobRequest request(ApprovalPolicy policy) {
    return JobRequest.builder(REQUIREMENTS, OutputKind.TEXT)
        .qaCriteria(CRITERIA)
        .approvalPolicy(policy)
        .submitter("bench")
        .build();
  }
}
