package dev.conveyor.workflow;

import static dev.conveyor.workflow.JobRequests.CRITERIA;
import static dev.conveyor.workflow.JobRequests.REQUIREMENTS;
import static dev.conveyor.workflow.JobRequests.image;
import static dev.conveyor.workflow.JobRequests.text;
import static dev.conveyor.workflow.JobRequests.withThreshold;
import static dev.conveyor.workflow.testing.ScriptedActivities.fail;
import static dev.conveyor.workflow.testing.ScriptedActivities.pass;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.conveyor.workflow.activity.GenerationRequest;
import dev.conveyor.workflow.model.ApprovalPolicy;
import dev.conveyor.workflow.model.ApprovalReason;
import dev.conveyor.workflow.model.AttemptRecord;
import dev.conveyor.workflow.model.Decision;
import dev.conveyor.workflow.model.DecisionAction;
import dev.conveyor.workflow.model.DecisionRecord;
import dev.conveyor.workflow.model.JobResult;
import dev.conveyor.workflow.model.JobStatus;
import dev.conveyor.workflow.model.ModelCall;
import dev.conveyor.workflow.model.OutputKind;
import dev.conveyor.workflow.model.Stage;
import dev.conveyor.workflow.model.Step;
import dev.conveyor.workflow.testing.JobWorkflowHarness;
import dev.conveyor.workflow.testing.ScriptedActivities;
import io.temporal.api.enums.v1.EventType;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/** The pipeline up to the decision: prompt, generation, QA with retries and the approval policy. */
class JobWorkflowQaTests {

  private final JobWorkflowHarness harness = new JobWorkflowHarness();

  @AfterEach
  void closeEnvironment() {
    harness.close();
  }

  @Test
  void should_await_approval_for_policy_then_approve_by_signal_when_qa_passes_first_time() {
    // given
    ScriptedActivities activities = new ScriptedActivities();
    harness.start(activities);
    Instant submitted = harness.now();
    JobWorkflow job = harness.submit(text(ApprovalPolicy.ALWAYS));

    // when
    JobStatus awaiting = harness.awaitStage(job, Stage.AWAITING_APPROVAL);

    // then the status shows one passed attempt, its models, tokens and cost
    assertThat(awaiting.jobId()).isEqualTo("job-1");
    assertThat(awaiting.outputKind()).isEqualTo(OutputKind.TEXT);
    assertThat(awaiting.revision()).isZero();
    assertThat(awaiting.attempt()).isEqualTo(1);
    assertThat(awaiting.models()).isEqualTo(activities.describeRoutes());
    assertThat(activities.text(awaiting.prompt())).isEqualTo("Prompt for TEXT: " + REQUIREMENTS);
    assertThat(awaiting.attempts()).hasSize(1);
    AttemptRecord attempt = awaiting.attempts().get(0);
    assertThat(attempt.revision()).isZero();
    assertThat(attempt.attempt()).isEqualTo(1);
    assertThat(attempt.feedback()).isNull();
    assertThat(attempt.verdict()).isEqualTo(pass(0.95));
    assertThat(attempt.generatedBy()).isEqualTo("scripted/text-writer");
    assertThat(attempt.checkedBy()).isEqualTo("scripted/text-judge");
    assertThat(attempt.output()).isEqualTo(awaiting.output());
    assertThat(activities.text(awaiting.output())).isEqualTo("Output r0a1 feedback=null");
    assertThat(awaiting.calls())
        .extracting(ModelCall::step)
        .containsExactly(Step.PROMPT, Step.TEXT_GENERATION, Step.TEXT_QA);
    assertThat(awaiting.inputTokens()).isEqualTo(300);
    assertThat(awaiting.outputTokens()).isEqualTo(150);
    assertThat(awaiting.costUsd()).isEqualByComparingTo("0.003");
    assertThat(awaiting.reason()).isNull();
    assertThat(awaiting.finishedAt()).isNull();
    assertThat(awaiting.decisions()).isEmpty();

    // and it awaits a decision for the policy, with the default 72-hour deadline
    assertThat(awaiting.awaiting().reason()).isEqualTo(ApprovalReason.POLICY);
    assertThat(awaiting.awaiting().revision()).isZero();
    assertThat(awaiting.awaiting().qaPassed()).isTrue();
    assertThat(awaiting.createdAt()).isAfterOrEqualTo(submitted);
    assertThat(awaiting.awaiting().since()).isAfterOrEqualTo(awaiting.createdAt());
    assertThat(awaiting.updatedAt()).isEqualTo(awaiting.awaiting().since());
    assertThat(awaiting.awaiting().deadline())
        .isEqualTo(awaiting.awaiting().since().plus(Duration.ofHours(72)));
    assertThat(harness.searchAttribute(job, JobSearchAttributes.STAGE))
        .isEqualTo("AWAITING_APPROVAL");
    assertThat(harness.searchAttribute(job, JobSearchAttributes.APPROVAL)).isEqualTo("AWAITING");

    // and the steps received the stored requirements, prompt and criteria
    GenerationRequest generation = activities.generations().get(0);
    assertThat(generation.prompt()).isEqualTo(awaiting.prompt());
    assertThat(activities.text(generation.requirements())).isEqualTo(REQUIREMENTS);
    assertThat(activities.checks().get(0).qaCriteria()).isEqualTo(CRITERIA);
    assertThat(activities.checks().get(0).output()).isEqualTo(awaiting.output());

    // when a reviewer approves by signal
    job.approve(new Decision("alice", "good to go", null));
    JobResult result = harness.result(job);

    // then
    assertThat(result.jobId()).isEqualTo("job-1");
    assertThat(result.state()).isEqualTo(Stage.APPROVED);
    assertThat(result.reason()).isEqualTo("approved by alice");
    assertThat(result.decidedBy()).isEqualTo("alice");
    assertThat(result.output()).isEqualTo(awaiting.output());
    assertThat(result.revisions()).isZero();
    assertThat(result.qaAttempts()).isEqualTo(1);
    assertThat(result.inputTokens()).isEqualTo(300);
    assertThat(result.outputTokens()).isEqualTo(150);
    assertThat(result.costUsd()).isEqualByComparingTo("0.003");

    JobStatus done = job.status();
    assertThat(done.stage()).isEqualTo(Stage.APPROVED);
    assertThat(done.reason()).isEqualTo("approved by alice");
    assertThat(done.awaiting()).isNull();
    assertThat(done.decisions()).hasSize(1);
    DecisionRecord decision = done.decisions().get(0);
    assertThat(decision.action()).isEqualTo(DecisionAction.APPROVE);
    assertThat(decision.reviewer()).isEqualTo("alice");
    assertThat(decision.comment()).isEqualTo("good to go");
    assertThat(decision.regenerate()).isFalse();
    assertThat(decision.revision()).isZero();
    assertThat(decision.via()).isEqualTo("signal");
    assertThat(decision.applied()).isTrue();
    assertThat(decision.note()).isNull();
    assertThat(decision.at()).isBetween(awaiting.awaiting().since(), done.finishedAt());
    assertThat(done.finishedAt()).isEqualTo(done.updatedAt()).isBeforeOrEqualTo(harness.now());
    assertThat(harness.searchAttribute(job, JobSearchAttributes.STAGE)).isEqualTo("APPROVED");
    assertThat(harness.searchAttribute(job, JobSearchAttributes.APPROVAL)).isEqualTo("APPROVED");
    assertThat(harness.lastEvent(job)).isEqualTo(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED);
  }

  @Test
  void should_feed_previous_qa_feedback_to_each_retry_when_qa_fails_twice() {
    // given
    ScriptedActivities activities = new ScriptedActivities().failFirst(2);
    harness.start(activities);

    // when
    JobWorkflow job = harness.submit(text(ApprovalPolicy.ALWAYS));
    JobStatus awaiting = harness.awaitStage(job, Stage.AWAITING_APPROVAL);

    // then three generations ran, the second and third with the previous QA feedback
    assertThat(activities.generations())
        .extracting(GenerationRequest::attempt, GenerationRequest::feedback)
        .containsExactly(
            tuple(1, null), tuple(2, "attempt 1 too short"), tuple(3, "attempt 2 too short"));
    assertThat(activities.text(awaiting.output()))
        .isEqualTo("Output r0a3 feedback=attempt 2 too short");
    assertThat(awaiting.attempt()).isEqualTo(3);
    assertThat(awaiting.attempts())
        .extracting(AttemptRecord::feedback)
        .containsExactly(null, "attempt 1 too short", "attempt 2 too short");
    assertThat(awaiting.attempts())
        .extracting(a -> a.verdict().passed())
        .containsExactly(false, false, true);
    assertThat(awaiting.attempts().get(0).verdict().issues())
        .containsExactly("attempt 1 too short");
    assertThat(awaiting.calls()).hasSize(7);
    assertThat(awaiting.costUsd()).isEqualByComparingTo("0.007");
    assertThat(awaiting.awaiting().reason()).isEqualTo(ApprovalReason.POLICY);

    // when
    job.approve(new Decision("alice", null, null));
    JobResult result = harness.result(job);

    // then
    assertThat(result.state()).isEqualTo(Stage.APPROVED);
    assertThat(result.qaAttempts()).isEqualTo(3);
    assertThat(result.revisions()).isZero();
    assertThat(result.inputTokens()).isEqualTo(700);
    assertThat(result.outputTokens()).isEqualTo(350);
    assertThat(result.costUsd()).isEqualByComparingTo("0.007");
  }

  @ParameterizedTest
  @EnumSource(
      value = ApprovalPolicy.class,
      names = {"ALWAYS", "NEVER"})
  void should_fail_with_the_last_feedback_when_qa_never_passes_and_no_human_is_asked(
      ApprovalPolicy policy) {
    // given
    ScriptedActivities activities = new ScriptedActivities().judgeWith(r -> fail("too vague"));
    harness.start(activities);

    // when
    JobWorkflow job = harness.submit(text(policy));
    JobResult result = harness.result(job);

    // then
    assertThat(result.state()).isEqualTo(Stage.FAILED);
    assertThat(result.reason()).isEqualTo("QA did not pass in 3 attempts: too vague");
    assertThat(result.decidedBy()).isNull();
    assertThat(result.qaAttempts()).isEqualTo(3);
    assertThat(result.output()).isNotNull();
    assertThat(activities.generations()).hasSize(3);
    JobStatus status = job.status();
    assertThat(status.stage()).isEqualTo(Stage.FAILED);
    assertThat(status.decisions()).isEmpty();
    assertThat(harness.searchAttribute(job, JobSearchAttributes.APPROVAL)).isEqualTo("NONE");
    assertThat(harness.lastEvent(job)).isEqualTo(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED);
  }

  @ParameterizedTest
  @EnumSource(
      value = ApprovalPolicy.class,
      names = {"WHEN_QA_FAILS", "BELOW_SCORE"})
  void should_ask_a_human_for_qa_failed_when_qa_never_passes_and_the_policy_allows(
      ApprovalPolicy policy) {
    // given
    ScriptedActivities activities = new ScriptedActivities().judgeWith(r -> fail("too vague"));
    harness.start(activities);

    // when
    JobWorkflow job = harness.submit(text(policy));
    JobStatus status = harness.awaitStage(job, Stage.AWAITING_APPROVAL);

    // then
    assertThat(status.awaiting().reason()).isEqualTo(ApprovalReason.QA_FAILED);
    assertThat(status.awaiting().qaPassed()).isFalse();
    assertThat(status.attempts()).hasSize(3).allMatch(a -> !a.verdict().passed());

    // when a reviewer accepts the output anyway
    job.approve(new Decision("carol", "fine for an internal page", null));
    JobResult result = harness.result(job);

    // then
    assertThat(result.state()).isEqualTo(Stage.APPROVED);
    assertThat(result.decidedBy()).isEqualTo("carol");
    assertThat(result.qaAttempts()).isEqualTo(3);
  }

  @Test
  void should_honour_the_qa_attempt_limit_of_the_request() {
    // given
    ScriptedActivities activities = new ScriptedActivities().judgeWith(r -> fail("too vague"));
    harness.start(activities);

    // when
    JobResult result =
        harness.result(
            harness.submit(text().toBuilder().maxQaAttempts(1).maxRevisions(null).build()));

    // then
    assertThat(result.state()).isEqualTo(Stage.FAILED);
    assertThat(result.reason()).isEqualTo("QA did not pass in 1 attempts: too vague");
    assertThat(activities.generations()).hasSize(1);
  }

  @ParameterizedTest(name = "score {0} under threshold {1}")
  @CsvSource({"0.6, 0.8", "0.79, 0.8", "0.5, 0.95"})
  void should_ask_a_human_for_low_score_when_qa_passes_under_the_threshold(
      double score, double threshold) {
    // given
    harness.start(new ScriptedActivities().judgeWith(r -> pass(score)));

    // when
    JobWorkflow job = harness.submit(withThreshold(text(ApprovalPolicy.BELOW_SCORE), threshold));
    JobStatus status = harness.awaitStage(job, Stage.AWAITING_APPROVAL);

    // then
    assertThat(status.awaiting().reason()).isEqualTo(ApprovalReason.LOW_SCORE);
    assertThat(status.awaiting().qaPassed()).isTrue();
    assertThat(status.attempts()).hasSize(1);
  }

  @ParameterizedTest(name = "score {0} at or over threshold {1}")
  @CsvSource({"0.9, 0.8", "0.8, 0.8", "0.75, 0.7"})
  void should_approve_by_policy_without_a_human_when_qa_passes_at_or_over_the_threshold(
      double score, double threshold) {
    // given
    harness.start(new ScriptedActivities().judgeWith(r -> pass(score)));

    // when
    JobWorkflow job = harness.submit(withThreshold(text(ApprovalPolicy.BELOW_SCORE), threshold));
    JobResult result = harness.result(job);

    // then
    assertThat(result.state()).isEqualTo(Stage.APPROVED);
    assertThat(result.decidedBy()).isEqualTo("policy");
    assertThat(result.reason()).isEqualTo("QA passed (score " + score + "); approved by policy");
    assertPolicyApproval(job);
  }

  @ParameterizedTest
  @EnumSource(
      value = ApprovalPolicy.class,
      names = {"WHEN_QA_FAILS", "NEVER"})
  void should_approve_by_policy_without_a_human_when_qa_passes(ApprovalPolicy policy) {
    // given
    ScriptedActivities activities = new ScriptedActivities().failFirst(1);
    harness.start(activities);

    // when
    JobWorkflow job = harness.submit(text(policy));
    JobResult result = harness.result(job);

    // then
    assertThat(result.state()).isEqualTo(Stage.APPROVED);
    assertThat(result.decidedBy()).isEqualTo("policy");
    assertThat(result.reason()).isEqualTo("QA passed (score 0.95); approved by policy");
    assertThat(result.qaAttempts()).isEqualTo(2);
    assertPolicyApproval(job);
  }

  @Test
  void should_generate_and_judge_images_with_the_image_activities_when_the_job_is_an_image() {
    // given
    ScriptedActivities activities = new ScriptedActivities().failFirst(1);
    harness.start(activities);

    // when
    JobWorkflow job =
        harness.submit(image().toBuilder().approvalPolicy(ApprovalPolicy.NEVER).build());
    JobResult result = harness.result(job);

    // then
    assertThat(result.state()).isEqualTo(Stage.APPROVED);
    assertThat(result.output().contentType()).isEqualTo("image/png");
    assertThat(result.output().image()).isTrue();
    assertThat(activities.text(result.output())).isEqualTo("PNG r0a2");
    assertThat(activities.invocations())
        .containsExactly(
            "DescribeRoutes",
            "DescribeBudget",
            "StoreText",
            "WritePrompt",
            "GenerateImage",
            "CheckImage",
            "GenerateImage",
            "CheckImage");
    assertThat(activities.generations().get(1).feedback()).isEqualTo("attempt 1 too short");
    JobStatus status = job.status();
    assertThat(status.outputKind()).isEqualTo(OutputKind.IMAGE);
    assertThat(activities.text(status.prompt())).startsWith("Prompt for IMAGE: ");
    assertThat(status.calls())
        .extracting(ModelCall::step)
        .containsExactly(
            Step.PROMPT,
            Step.IMAGE_GENERATION,
            Step.VISION_QA,
            Step.IMAGE_GENERATION,
            Step.VISION_QA);
    assertThat(status.attempts())
        .extracting(AttemptRecord::generatedBy, AttemptRecord::checkedBy)
        .containsOnly(tuple("scripted/painter", "scripted/vision-judge"));
  }

  @Test
  void should_call_the_text_activities_in_pipeline_order_when_the_job_is_text() {
    // given
    ScriptedActivities activities = new ScriptedActivities();
    harness.start(activities);

    // when
    harness.result(harness.submit(text(ApprovalPolicy.NEVER)));

    // then
    assertThat(activities.invocations())
        .containsExactly(
            "DescribeRoutes",
            "DescribeBudget",
            "StoreText",
            "WritePrompt",
            "GenerateText",
            "CheckText");
  }

  private void assertPolicyApproval(JobWorkflow job) {
    JobStatus status = job.status();
    assertThat(status.stage()).isEqualTo(Stage.APPROVED);
    assertThat(status.awaiting()).isNull();
    assertThat(status.decisions()).hasSize(1);
    DecisionRecord decision = status.decisions().get(0);
    assertThat(decision.action()).isEqualTo(DecisionAction.APPROVE);
    assertThat(decision.reviewer()).isEqualTo("policy");
    assertThat(decision.via()).isEqualTo("policy");
    assertThat(decision.applied()).isTrue();
    assertThat(harness.searchAttribute(job, JobSearchAttributes.STAGE)).isEqualTo("APPROVED");
    assertThat(harness.searchAttribute(job, JobSearchAttributes.APPROVAL))
        .isEqualTo("AUTO_APPROVED");
  }
}
