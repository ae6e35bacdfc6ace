package dev.conveyor.client;

import dev.conveyor.workflow.ApprovalState;
import dev.conveyor.workflow.JobSearchAttributes;
import dev.conveyor.workflow.model.JobRequest;
import dev.conveyor.workflow.model.Stage;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.WorkflowOptions;
import io.temporal.common.SearchAttributes;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * The workflow options of a new job. The summary and details shown in the Temporal UI name the
 * job's settings, never its requirements or criteria, which may hold private data.
 */
final class JobOptions {

  /** The longest static summary; the Temporal UI shows it on one line. */
  static final int MAX_SUMMARY = 200;

  private JobOptions() {}

  static WorkflowOptions of(String jobId, String taskQueue, JobRequest request) {
    return WorkflowOptions.newBuilder()
        .setWorkflowId(jobId)
        .setTaskQueue(taskQueue)
        // A job id is never reused, so an idempotency key keeps pointing at its job after it ends.
        .setWorkflowIdReusePolicy(WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_REJECT_DUPLICATE)
        .setMemo(Map.of(IdempotentStart.REQUEST_FINGERPRINT, fingerprint(request)))
        .setStaticSummary(summary(request.withDefaults()))
        .setStaticDetails(details(request.withDefaults()))
        .setTypedSearchAttributes(
            SearchAttributes.newBuilder()
                .set(JobSearchAttributes.STAGE, Stage.PROMPT.name())
                .set(JobSearchAttributes.APPROVAL, ApprovalState.NONE.name())
                .build())
        .build();
  }

  /**
   * Returns the SHA-256 of the request with its defaults applied, in hex: equal for the same
   * request sent again, different when any setting differs. It holds no request text.
   */
  static String fingerprint(JobRequest request) {
    return IdempotentStart.fingerprint(fingerprinted(request.withDefaults()));
  }

  /**
   * Fields added to requests after fingerprints were first taken, at the values a request that does
   * not use them holds: the routing profile, the bundle context and the priority unset (or at their
   * defaults), and the CODE fields both null.
   */
  private static final List<String> LATER_FIELDS_UNUSED =
      List.of(
          ", profile=null]",
          ", profile=default]",
          ", bundle=null]",
          ", priority=null]",
          ", priority=NORMAL]",
          ", language=null, jsonSchema=null]");

  /**
   * Returns the text a fingerprint is taken of: the request's fields, without the fields added
   * later while they hold their unused values (stripped from the end for as long as one of them
   * ends it), so a request that uses none of them keeps the fingerprint it had before they existed
   * (a job started then, sent again with its key, is still the same request).
   */
  private static String fingerprinted(JobRequest request) {
    String text = request.toString();
    boolean stripped = true;
    while (stripped) {
      stripped = false;
      for (String unused : LATER_FIELDS_UNUSED) {
        if (text.endsWith(unused)) {
          text = text.substring(0, text.length() - unused.length()) + "]";
          stripped = true;
        }
      }
    }
    return text;
  }

  /** Returns {@code TEXT · policy ALWAYS · by alice · tags a, b}. */
  static String summary(JobRequest request) {
    StringBuilder summary =
        new StringBuilder()
            .append(request.outputKind())
            .append(request.language() == null ? "" : " " + request.language().strip())
            .append(" · policy ")
            .append(request.approvalPolicy());
    if (request.submitter() != null && !request.submitter().isBlank()) {
      summary.append(" · by ").append(request.submitter().strip());
    }
    if (!request.tags().isEmpty()) {
      summary.append(" · tags ").append(String.join(", ", request.tags()));
    }
    return summary.length() <= MAX_SUMMARY
        ? summary.toString()
        : summary.substring(0, MAX_SUMMARY - 1) + "…";
  }

  /** Returns the job's settings as a markdown table. */
  static String details(JobRequest request) {
    BigDecimal budget = request.budgetUsd();
    StringBuilder details =
        new StringBuilder("**Conveyor job** · ")
            .append(request.outputKind())
            .append("\n\n| setting | value |\n| --- | --- |\n");
    row(details, "approval policy", request.approvalPolicy());
    row(details, "score threshold", request.scoreThreshold());
    row(details, "max QA attempts", request.maxQaAttempts());
    row(details, "max revisions", request.maxRevisions());
    row(details, "approval timeout", request.approvalTimeout());
    row(details, "on expiry", request.onExpiry());
    row(details, "budget", budget == null ? "no limit" : budget.toPlainString() + " USD");
    row(details, "QA criteria", request.qaCriteria().size());
    row(details, "submitter", request.submitter() == null ? "-" : request.submitter());
    row(details, "tags", request.tags().isEmpty() ? "-" : String.join(", ", request.tags()));
    row(details, "profile", request.profileOrDefault());
    row(details, "requirements", request.requirements().length() + " characters");
    return details.toString();
  }

  private static void row(StringBuilder table, String name, Object value) {
    String cell = String.valueOf(value).replace("|", "\\|").replace('\n', ' ');
    table.append("| ").append(name).append(" | ").append(cell).append(" |\n");
  }
}
