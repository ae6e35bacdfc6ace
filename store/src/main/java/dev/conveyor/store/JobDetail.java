package dev.conveyor.store;

import dev.conveyor.workflow.model.ArtifactRef;
import dev.conveyor.workflow.model.AttemptRecord;
import dev.conveyor.workflow.model.AwaitingApproval;
import dev.conveyor.workflow.model.DecisionRecord;
import dev.conveyor.workflow.model.JobRequest;
import dev.conveyor.workflow.model.ModelCall;
import java.util.List;

/**
 * Everything the store holds about one job: what the console's job page and the audit trail show.
 *
 * @param summary the job as a listing shows it
 * @param request the request as submitted
 * @param prompt the generated prompt, null before it is written
 * @param output the newest output, null before the first generation
 * @param reason why the job ended as it did, null while it runs
 * @param attempts every generation with its QA verdict
 * @param calls every model call with its model, tokens and cost
 * @param decisions every decision, with who took it, when, and the comment: the audit trail
 * @param timeline every recorded event, oldest first
 * @param attempt the current attempt within the revision, 0 before the first generation
 * @param inputTokens input tokens so far
 * @param outputTokens output tokens so far
 * @param awaiting the decision awaited, null when none is
 */
public record JobDetail(
    JobSummary summary,
    JobRequest request,
    ArtifactRef prompt,
    ArtifactRef output,
    String reason,
    List<AttemptRecord> attempts,
    List<ModelCall> calls,
    List<DecisionRecord> decisions,
    List<TimelineEvent> timeline,
    int attempt,
    long inputTokens,
    long outputTokens,
    AwaitingApproval awaiting) {

  public JobDetail {
    attempts = List.copyOf(attempts);
    calls = List.copyOf(calls);
    decisions = List.copyOf(decisions);
    timeline = List.copyOf(timeline);
  }
}
