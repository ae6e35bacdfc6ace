package dev.conveyor.workflow;

import static dev.conveyor.workflow.JobRequests.text;
import static org.assertj.core.api.Assertions.assertThat;

import dev.conveyor.workflow.model.ApprovalPolicy;
import dev.conveyor.workflow.model.Decision;
import dev.conveyor.workflow.model.DecisionAction;
import dev.conveyor.workflow.model.JobPriority;
import dev.conveyor.workflow.model.JobRequest;
import dev.conveyor.workflow.model.ReviewDecision;
import dev.conveyor.workflow.model.Stage;
import dev.conveyor.workflow.testing.JobWorkflowHarness;
import dev.conveyor.workflow.testing.ScriptedActivities;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.ActivityTaskScheduledEventAttributes;
import io.temporal.common.WorkflowExecutionHistory;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Temporal task priority of the model calls, read from the ActivityTaskScheduled events: revisions
 * a reviewer asked for first (key 1), then HIGH (2), NORMAL (none: the server's 3), BULK (5).
 */
class JobWorkflowPriorityTests {

  private static final Set<String> MODEL_CALLS = Set.of("WritePrompt", "GenerateText", "CheckText");

  private final JobWorkflowHarness harness = new JobWorkflowHarness();

  @AfterEach
  void closeEnvironment() {
    harness.close();
  }

  @Test
  void should_send_a_revision_a_reviewer_asked_for_ahead_of_first_attempts() {
    // given a NORMAL job whose first output a reviewer sends back
    harness.start(new ScriptedActivities());
    JobWorkflow job = harness.submit(text());
    harness.awaitStage(job, Stage.AWAITING_APPROVAL);

    // when
    job.reject(new Decision("bob", "make it friendlier", true));
    harness.awaitStatus(
        job, s -> s.stage() == Stage.AWAITING_APPROVAL && s.revision() == 1, "revision 1");
    job.decide(new ReviewDecision(DecisionAction.APPROVE, "alice", null, null));
    harness.result(job);

    // then the first round carries no priority (the server's default, 3); the revision carries 1
    assertThat(modelCalls(harness.history(job)))
        .containsExactly(
            "WritePrompt@0", "GenerateText@0", "CheckText@0", "GenerateText@1", "CheckText@1");
  }

  @Test
  void should_send_a_bulk_jobs_calls_behind_others_but_its_revision_ahead() {
    // given
    harness.start(new ScriptedActivities().failFirst(1));
    JobWorkflow job = harness.submit(with(JobPriority.BULK));
    harness.awaitStage(job, Stage.AWAITING_APPROVAL);

    // when
    job.reject(new Decision("bob", "shorter", true));
    harness.awaitStatus(
        job, s -> s.stage() == Stage.AWAITING_APPROVAL && s.revision() == 1, "revision 1");
    job.approve(new Decision("alice", null, null));
    harness.result(job);

    // then QA retries keep the job's priority; a reviewer's revision goes first
    assertThat(modelCalls(harness.history(job)))
        .containsExactly(
            "WritePrompt@5",
            "GenerateText@5",
            "CheckText@5",
            "GenerateText@5",
            "CheckText@5",
            "GenerateText@1",
            "CheckText@1",
            "GenerateText@1",
            "CheckText@1");
  }

  @Test
  void should_send_a_high_jobs_calls_with_key_two() {
    // given
    harness.start(new ScriptedActivities());

    // when
    JobWorkflow job =
        harness.submit(
            with(JobPriority.HIGH).toBuilder().approvalPolicy(ApprovalPolicy.NEVER).build());
    harness.result(job);

    // then
    assertThat(modelCalls(harness.history(job)))
        .containsExactly("WritePrompt@2", "GenerateText@2", "CheckText@2");
  }

  private static JobRequest with(JobPriority priority) {
    return text().toBuilder().priority(priority).build();
  }

  /** Returns each model call as {@code type@key}, in order; key 0 means no priority was sent. */
  private static List<String> modelCalls(WorkflowExecutionHistory history) {
    return history.getEvents().stream()
        .filter(e -> e.getEventType() == EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED)
        .map(e -> e.getActivityTaskScheduledEventAttributes())
        .filter(a -> MODEL_CALLS.contains(a.getActivityType().getName()))
        .map(JobWorkflowPriorityTests::typeAndKey)
        .toList();
  }

  private static String typeAndKey(ActivityTaskScheduledEventAttributes scheduled) {
    return scheduled.getActivityType().getName() + "@" + scheduled.getPriority().getPriorityKey();
  }
}
