package dev.conveyor.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conveyor.workflow.model.ApprovalReason;
import dev.conveyor.workflow.model.ArtifactRef;
import dev.conveyor.workflow.model.AttemptRecord;
import dev.conveyor.workflow.model.AwaitingApproval;
import dev.conveyor.workflow.model.JobRequest;
import dev.conveyor.workflow.model.JobResult;
import dev.conveyor.workflow.model.JobStatus;
import dev.conveyor.workflow.model.ModelCall;
import dev.conveyor.workflow.model.OutputKind;
import dev.conveyor.workflow.model.QaVerdict;
import dev.conveyor.workflow.model.Stage;
import dev.conveyor.workflow.model.Step;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The job's state and what is built from it (status, result, UI texts), without Temporal. */
class JobStateTests {

  private static final Instant START = Instant.parse("2026-11-30T09:00:00Z");
  private static final ArtifactRef FIRST = new ArtifactRef("aa".repeat(32), "text/plain", 10);
  private static final ArtifactRef SECOND = new ArtifactRef("bb".repeat(32), "text/plain", 11);

  private final AtomicReference<Instant> clock = new AtomicReference<>(START);
  private final JobState job = new JobState("job-state", clock::get);

  @Test
  void should_answer_a_status_before_the_run_starts() {
    // when: a signal sent with the start is handled before the run
    JobStatus status = job.status();

    // then
    assertThat(status.jobId()).isEqualTo("job-state");
    assertThat(status.stage()).isEqualTo(Stage.PROMPT);
    assertThat(status.createdAt()).isNull();
    assertThat(status.models()).isEmpty();
    assertThat(status.costUsd()).isEqualByComparingTo("0");
    assertThat(status.budgetUsd()).isNull();
    assertThat(status.budgetInterventions()).isEmpty();
  }

  @Test
  void should_show_in_the_status_what_the_job_produced_and_spent() {
    // given
    startWithRequest();
    job.routed(Map.of(Step.TEXT_GENERATION, "offline/writer"));
    job.attempt(1);
    job.enter(Stage.GENERATE);
    job.record(call(Step.TEXT_GENERATION, 100, 40, "0.002"));
    job.generated(AttemptRecord.generated(0, 1, FIRST, null, "offline/writer"));
    clock.set(START.plusSeconds(5));
    job.enter(Stage.QA);
    job.record(call(Step.TEXT_QA, 30, 10, "0.001"));
    job.judged(new QaVerdict(false, 0.4, List.of("too long"), "shorter"), "offline/judge");

    // when
    JobStatus status = job.status();

    // then
    assertThat(status.stage()).isEqualTo(Stage.QA);
    assertThat(status.attempt()).isEqualTo(1);
    assertThat(status.output()).isEqualTo(FIRST);
    assertThat(status.models()).containsEntry(Step.TEXT_GENERATION, "offline/writer");
    assertThat(status.attempts()).hasSize(1);
    assertThat(status.attempts().get(0).verdict().passed()).isFalse();
    assertThat(status.attempts().get(0).checkedBy()).isEqualTo("offline/judge");
    assertThat(status.calls())
        .extracting(ModelCall::step)
        .containsExactly(Step.TEXT_GENERATION, Step.TEXT_QA);
    assertThat(status.inputTokens()).isEqualTo(130);
    assertThat(status.outputTokens()).isEqualTo(50);
    assertThat(status.costUsd()).isEqualByComparingTo("0.003");
    assertThat(status.usageByStep()).containsOnlyKeys(Step.TEXT_GENERATION, Step.TEXT_QA);
    assertThat(status.createdAt()).isEqualTo(START);
    assertThat(status.updatedAt()).isEqualTo(START.plusSeconds(5));
    assertThat(status.finishedAt()).isNull();
    assertThat(job.lastJudged().output()).isEqualTo(FIRST);
  }

  @Test
  void should_await_a_decision_until_the_approval_timeout_and_remind_of_its_deadline() {
    // given
    startWithRequest();
    job.generated(AttemptRecord.generated(0, 1, FIRST, null, "offline/writer"));

    // when
    AwaitingApproval awaited = job.awaitDecision(ApprovalReason.LOW_SCORE, true, null);
    clock.set(START.plus(Duration.ofHours(47)));

    // then
    assertThat(awaited.since()).isEqualTo(START);
    assertThat(awaited.deadline()).isEqualTo(START.plus(Duration.ofHours(48)));
    assertThat(job.status().awaiting()).isEqualTo(awaited);
    assertThat(job.reminder().deadline()).isEqualTo(awaited.deadline());
    assertThat(job.reminder().raisedAt()).isEqualTo(START.plus(Duration.ofHours(47)));
    job.stopAwaiting();
    assertThat(job.status().awaiting()).isNull();
  }

  @Test
  void should_end_with_a_result_that_totals_the_job() {
    // given: two attempts, the second judged after a revision
    startWithRequest();
    job.record(call(Step.TEXT_GENERATION, 100, 40, "0.002"));
    job.generated(AttemptRecord.generated(0, 1, FIRST, null, "offline/writer"));
    job.judged(new QaVerdict(true, 0.9, List.of(), null), "offline/judge");
    job.awaitDecision(ApprovalReason.POLICY, true, null);
    job.nextRevision();
    job.generated(AttemptRecord.generated(1, 1, SECOND, "redo", "offline/writer"));
    job.judged(new QaVerdict(true, 0.95, List.of(), null), "offline/judge");
    clock.set(START.plusSeconds(60));

    // when
    job.end(Stage.APPROVED, "approved by alice");
    JobResult result = job.result("alice");

    // then
    assertThat(result.jobId()).isEqualTo("job-state");
    assertThat(result.state()).isEqualTo(Stage.APPROVED);
    assertThat(result.output()).isEqualTo(SECOND);
    assertThat(result.reason()).isEqualTo("approved by alice");
    assertThat(result.decidedBy()).isEqualTo("alice");
    assertThat(result.revisions()).isEqualTo(1);
    assertThat(result.qaAttempts()).isEqualTo(2);
    assertThat(result.inputTokens()).isEqualTo(100);
    assertThat(result.costUsd()).isEqualByComparingTo("0.002");
    JobStatus status = job.status();
    assertThat(status.awaiting()).as("an ended job awaits nothing").isNull();
    assertThat(status.finishedAt()).isEqualTo(START.plusSeconds(60));
    assertThat(status.updatedAt()).isEqualTo(status.finishedAt());
  }

  @Test
  void should_describe_the_job_and_its_model_calls_for_the_temporal_ui() {
    // given
    startWithRequest();
    job.routed(Map.of(Step.PROMPT, "offline/prompter", Step.TEXT_QA, "offline/judge"));
    job.attempt(2);
    job.enter(Stage.QA);
    job.record(call(Step.TEXT_QA, 1200, 34, "0.0125"));

    // then
    assertThat(JobVisibility.currentDetails(job))
        .isEqualTo("**QA** · revision 0, attempt 2 · 1234 tokens · 0.0125 USD");
    assertThat(JobVisibility.activitySummary(job, Step.PROMPT))
        .isEqualTo("PROMPT · offline/prompter · revision 0");
    assertThat(JobVisibility.activitySummary(job, Step.TEXT_QA))
        .isEqualTo("TEXT_QA · offline/judge · revision 0, attempt 2");
    assertThat(JobVisibility.activitySummary(job, Step.TEXT_GENERATION))
        .isEqualTo("TEXT_GENERATION · unrouted · revision 0, attempt 2");
    job.end(Stage.FAILED, "QA did not pass");
    assertThat(JobVisibility.currentDetails(job))
        .isEqualTo("**FAILED**: QA did not pass · 1234 tokens · 0.0125 USD");
  }

  private void startWithRequest() {
    JobRequest request =
        JobRequest.builder("Write a haiku.", OutputKind.TEXT)
            .approvalTimeout(Duration.ofHours(48))
            .build();
    job.started(request);
    job.accept(request);
  }

  private static ModelCall call(Step step, long input, long output, String cost) {
    return new ModelCall(step, "offline", "model", input, output, new BigDecimal(cost), 5);
  }
}
