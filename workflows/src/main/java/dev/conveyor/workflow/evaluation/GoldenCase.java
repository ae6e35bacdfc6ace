package dev.conveyor.workflow.evaluation;

import dev.conveyor.workflow.model.ApprovalPolicy;
import dev.conveyor.workflow.model.JobPriority;
import dev.conveyor.workflow.model.JobRequest;
import dev.conveyor.workflow.model.OutputKind;
import java.util.List;

/**
 * One case of a golden set: what to ask for, and what QA should say.
 *
 * @param requirements the business requirements
 * @param kind TEXT, IMAGE or CODE
 * @param criteria the QA criteria
 * @param language with CODE: the language; null otherwise
 * @param expected the outcome the author expects of QA, null when unlabelled
 * @param notes free notes for the report's reader
 */
public record GoldenCase(
    String requirements,
    OutputKind kind,
    List<String> criteria,
    String language,
    ExpectedOutcome expected,
    String notes) {

  public GoldenCase {
    criteria = criteria == null ? List.of() : List.copyOf(criteria);
  }

  /**
   * Returns the job that runs this case on a profile: nobody approves it (policy {@code NEVER}),
   * its model calls yield to other jobs' (priority {@code BULK}), and its tag names the evaluation.
   */
  public JobRequest jobOn(String profile, String evaluationId, String submitter) {
    return JobRequest.builder(requirements, kind)
        .qaCriteria(criteria)
        .language(language)
        .approvalPolicy(ApprovalPolicy.NEVER)
        .submitter(submitter)
        .tags(List.of("evaluation:" + evaluationId))
        .profile(profile)
        .priority(JobPriority.BULK)
        .build();
  }
}
