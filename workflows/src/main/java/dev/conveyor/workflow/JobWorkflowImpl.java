package dev.conveyor.workflow;

import dev.conveyor.workflow.activity.ActivityErrors;
import dev.conveyor.workflow.activity.ApprovalReminder;
import dev.conveyor.workflow.activity.ArtifactActivities;
import dev.conveyor.workflow.activity.GenerationActivities;
import dev.conveyor.workflow.activity.GenerationRequest;
import dev.conveyor.workflow.activity.PromptActivities;
import dev.conveyor.workflow.activity.PromptRequest;
import dev.conveyor.workflow.activity.QaActivities;
import dev.conveyor.workflow.activity.QaRequest;
import dev.conveyor.workflow.activity.QaResult;
import dev.conveyor.workflow.activity.RoutingActivities;
import dev.conveyor.workflow.activity.StepResult;
import dev.conveyor.workflow.model.ApprovalPolicy;
import dev.conveyor.workflow.model.ApprovalReason;
import dev.conveyor.workflow.model.ArtifactRef;
import dev.conveyor.workflow.model.AttemptRecord;
import dev.conveyor.workflow.model.AwaitingApproval;
import dev.conveyor.workflow.model.Decision;
import dev.conveyor.workflow.model.DecisionAction;
import dev.conveyor.workflow.model.DecisionRecord;
import dev.conveyor.workflow.model.ExpiryAction;
import dev.conveyor.workflow.model.FieldError;
import dev.conveyor.workflow.model.JobRequest;
import dev.conveyor.workflow.model.JobRequestValidator;
import dev.conveyor.workflow.model.JobResult;
import dev.conveyor.workflow.model.JobStatus;
import dev.conveyor.workflow.model.ModelCall;
import dev.conveyor.workflow.model.OutputKind;
import dev.conveyor.workflow.model.QaVerdict;
import dev.conveyor.workflow.model.ReviewDecision;
import dev.conveyor.workflow.model.Stage;
import dev.conveyor.workflow.model.Step;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.CanceledFailure;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;

/**
 * The Conveyor job workflow. Deterministic: time comes from {@link Workflow#currentTimeMillis()},
 * every model call and every byte of content go through activities, and payloads carry artifact
 * references instead of content.
 */
public class JobWorkflowImpl implements JobWorkflow {

  /** Model calls: Temporal owns the retries (LangChain4j's are off), with backoff. */
  static final RetryOptions MODEL_RETRY =
      RetryOptions.newBuilder()
          .setInitialInterval(Duration.ofSeconds(1))
          .setBackoffCoefficient(2.0)
          .setMaximumInterval(Duration.ofSeconds(30))
          .setMaximumAttempts(20)
          .setDoNotRetry(ActivityErrors.nonRetryable())
          .build();

  /**
   * Version 1: a model step whose models all fail sends the job to a human (or, with policy NEVER,
   * ends it FAILED) instead of failing it at once. Histories recorded before keep failing.
   */
  static final String MODELS_EXHAUSTED_TO_HUMAN = "models-exhausted-to-human";

  /** Quick, local steps: the artifact store and the routing table. */
  static final ActivityOptions LOCAL_STEP_OPTIONS =
      ActivityOptions.newBuilder()
          .setStartToCloseTimeout(Duration.ofSeconds(30))
          .setRetryOptions(
              RetryOptions.newBuilder()
                  .setInitialInterval(Duration.ofMillis(500))
                  .setMaximumAttempts(5)
                  .setDoNotRetry(ActivityErrors.nonRetryable())
                  .build())
          .build();

  /** A dead worker is noticed within the heartbeat timeout, not the start-to-close timeout. */
  static final Duration MODEL_HEARTBEAT_TIMEOUT = Duration.ofSeconds(10);

  static final ActivityOptions PROMPT_OPTIONS =
      ActivityOptions.newBuilder()
          .setStartToCloseTimeout(Duration.ofMinutes(2))
          .setHeartbeatTimeout(MODEL_HEARTBEAT_TIMEOUT)
          .setRetryOptions(MODEL_RETRY)
          .build();

  static final ActivityOptions GENERATION_OPTIONS =
      ActivityOptions.newBuilder()
          .setStartToCloseTimeout(Duration.ofMinutes(5))
          .setHeartbeatTimeout(MODEL_HEARTBEAT_TIMEOUT)
          .setRetryOptions(MODEL_RETRY)
          .build();

  static final ActivityOptions QA_OPTIONS =
      ActivityOptions.newBuilder()
          .setStartToCloseTimeout(Duration.ofMinutes(2))
          .setHeartbeatTimeout(MODEL_HEARTBEAT_TIMEOUT)
          .setRetryOptions(MODEL_RETRY)
          .build();

  private static final Logger log = Workflow.getLogger(JobWorkflowImpl.class);

  private final RoutingActivities routing =
      Workflow.newActivityStub(RoutingActivities.class, LOCAL_STEP_OPTIONS);
  private final ArtifactActivities artifacts =
      Workflow.newActivityStub(ArtifactActivities.class, LOCAL_STEP_OPTIONS);

  /** Set at construction: a signal sent with the start is handled before {@link #run} begins. */
  private final String jobId = Workflow.getInfo().getWorkflowId();

  private JobRequest request;
  private OutputKind outputKind;
  private Stage stage = Stage.PROMPT;
  private int revision;
  private int attempt;
  private Map<Step, String> models = Map.of();
  private ArtifactRef requirements;
  private ArtifactRef prompt;
  private ArtifactRef output;
  private final JobLedger ledger = new JobLedger();
  private AwaitingApproval awaiting;
  private ReviewDecision pending;
  private final List<DecisionRecord> decisions = new ArrayList<>();
  private String reason;
  private Instant createdAt;
  private Instant updatedAt;
  private Instant finishedAt;

  /** The job store projection and the approval reminder (issue 5), each versioned on its own. */
  private JobProjection projection;

  private ApprovalReminders reminders;

  @Override
  public JobResult run(JobRequest input) {
    createdAt = now();
    updatedAt = createdAt;
    outputKind = input == null ? null : input.outputKind();
    projection = JobProjection.start(jobId, input);
    reminders = ApprovalReminders.start();
    List<FieldError> errors = JobRequestValidator.validate(input);
    if (!errors.isEmpty()) {
      return finish(Stage.FAILED, "invalid request: " + errors, null, "NONE");
    }
    request = input.withDefaults();
    try {
      JobResult result = runPipeline();
      // A decide update returns once the job has acted on its decision: let it answer first.
      Workflow.await(Workflow::isEveryHandlerFinished);
      return result;
    } catch (CanceledFailure e) {
      return cancelled();
    } catch (ActivityFailure e) {
      if (e.getCause() instanceof CanceledFailure) {
        return cancelled();
      }
      return finish(
          Stage.FAILED, stage + " failed after retries: " + JobTexts.rootMessage(e), null, "NONE");
    } catch (BudgetExhausted e) {
      return finish(Stage.FAILED, e.getMessage(), null, "NONE");
    }
  }

  private JobResult runPipeline() {
    models = routing.describeRoutes();
    enter(Stage.PROMPT);
    requirements = artifacts.storeText(request.requirements());
    Round round = runRound(null);
    ApprovalReason needsHuman;
    if (round.exhausted() != null) {
      if (request.approvalPolicy() == ApprovalPolicy.NEVER) {
        return finish(Stage.FAILED, round.exhausted(), null, "NONE");
      }
      needsHuman = ApprovalReason.MODELS_EXHAUSTED;
    } else {
      QaVerdict verdict = round.last().verdict();
      needsHuman = ApprovalRules.reasonForHuman(request, verdict);
      if (needsHuman == null) {
        return finishByPolicy(verdict);
      }
    }
    while (true) {
      ReviewDecision decision = awaitDecision(needsHuman, round);
      if (decision == null) {
        return expire(round.qaPassed());
      }
      String reviewer = decision.reviewer();
      if (decision.action() == DecisionAction.APPROVE) {
        return finish(Stage.APPROVED, "approved by " + reviewer, reviewer, "APPROVED");
      }
      if (!decision.wantsRevision()) {
        return finish(
            Stage.REJECTED,
            "rejected by " + reviewer + JobTexts.commentSuffix(decision),
            reviewer,
            "REJECTED");
      }
      if (revision >= request.maxRevisions()) {
        return finish(
            Stage.REJECTED,
            "rejected by "
                + reviewer
                + "; the limit of "
                + request.maxRevisions()
                + " revisions is reached"
                + JobTexts.commentSuffix(decision),
            reviewer,
            "REJECTED");
      }
      revision++;
      round = runRound(JobTexts.reviewerFeedback(decision));
      needsHuman =
          round.exhausted() != null ? ApprovalReason.MODELS_EXHAUSTED : ApprovalReason.REVISION;
    }
  }

  /** Ends a job the policy decides alone: approved when QA passed, failed otherwise. */
  private JobResult finishByPolicy(QaVerdict verdict) {
    if (verdict.passed()) {
      decisions.add(automaticDecision(DecisionAction.APPROVE, "policy", null));
      return finish(
          Stage.APPROVED,
          "QA passed (score " + verdict.score() + "); approved by policy",
          "policy",
          "AUTO_APPROVED");
    }
    return finish(
        Stage.FAILED,
        "QA did not pass in " + request.maxQaAttempts() + " attempts: " + verdict.feedback(),
        null,
        "NONE");
  }

  /**
   * One round of work: the prompt when there is none yet, then generation and QA until QA passes or
   * the attempts run out. A model step whose models all fail ends the round with the reason.
   */
  private Round runRound(String reviewerFeedback) {
    try {
      if (prompt == null) {
        writePrompt();
      }
      return new Round(generateUntilQaPasses(reviewerFeedback), null);
    } catch (ActivityFailure e) {
      if (e.getCause() instanceof CanceledFailure
          || Workflow.getVersion(MODELS_EXHAUSTED_TO_HUMAN, Workflow.DEFAULT_VERSION, 1)
              == Workflow.DEFAULT_VERSION) {
        throw e;
      }
      String why = stage + " failed after retries: " + JobTexts.rootMessage(e);
      log.warn("job {}: {}", jobId, why);
      return new Round(null, why);
    }
  }

  private void writePrompt() {
    ensureBudget(Step.PROMPT);
    StepResult written =
        stub(PromptActivities.class, PROMPT_OPTIONS, Step.PROMPT)
            .writePrompt(new PromptRequest(requirements, outputKind, request.qaCriteria()));
    prompt = written.artifact();
    record(written.call());
  }

  /**
   * How a round ended.
   *
   * @param last the last attempt, null when the models gave out before one was judged
   * @param exhausted why the models gave out, null when they did not
   */
  private record Round(AttemptRecord last, String exhausted) {
    boolean qaPassed() {
      return last != null && last.verdict() != null && last.verdict().passed();
    }
  }

  /** Generates and judges until QA passes or the attempts run out; returns the last attempt. */
  private AttemptRecord generateUntilQaPasses(String reviewerFeedback) {
    String qaFeedback = null;
    AttemptRecord last = null;
    for (int next = 1; next <= request.maxQaAttempts(); next++) {
      attempt = next;
      String feedback = JobTexts.joinFeedback(reviewerFeedback, qaFeedback);
      enter(Stage.GENERATE);
      Step generationStep = Step.generationFor(outputKind);
      ensureBudget(generationStep);
      GenerationActivities generation =
          stub(GenerationActivities.class, GENERATION_OPTIONS, generationStep);
      GenerationRequest generationRequest =
          new GenerationRequest(prompt, requirements, feedback, revision, attempt);
      StepResult generated =
          outputKind == OutputKind.IMAGE
              ? generation.generateImage(generationRequest)
              : generation.generateText(generationRequest);
      record(generated.call());
      output = generated.artifact();
      ledger.addAttempt(
          new AttemptRecord(
              revision, attempt, output, feedback, null, generated.call().modelId(), null));

      enter(Stage.QA);
      Step qaStep = Step.qaFor(outputKind);
      ensureBudget(qaStep);
      QaActivities qa = stub(QaActivities.class, QA_OPTIONS, qaStep);
      QaRequest qaRequest =
          new QaRequest(output, requirements, request.qaCriteria(), revision, attempt);
      QaResult judged =
          outputKind == OutputKind.IMAGE ? qa.checkImage(qaRequest) : qa.checkText(qaRequest);
      record(judged.call());
      last = ledger.judgeLatest(judged.verdict(), judged.call().modelId());
      log.info(
          "job {} revision {} attempt {}: QA {} (score {})",
          jobId,
          revision,
          attempt,
          judged.verdict().passed() ? "passed" : "failed",
          judged.verdict().score());
      if (judged.verdict().passed()) {
        return last;
      }
      qaFeedback = judged.verdict().feedback();
    }
    return last;
  }

  /** Waits for a reviewer; returns the decision, or null when the approval timeout expires. */
  private ReviewDecision awaitDecision(ApprovalReason why, Round round) {
    Instant since = now();
    pending = null;
    awaiting =
        new AwaitingApproval(
            why,
            revision,
            round.qaPassed(),
            since,
            since.plus(request.approvalTimeout()),
            round.exhausted());
    enter(Stage.AWAITING_APPROVAL);
    Workflow.upsertTypedSearchAttributes(JobSearchAttributes.APPROVAL.valueSet("AWAITING"));
    boolean decided =
        reminders.await(
            request.approvalTimeout(), () -> pending != null, this::reminder, this::reminded);
    awaiting = null;
    return decided ? pending : null;
  }

  /** Returns the reminder that the decision awaited now is due soon. */
  private ApprovalReminder reminder() {
    return new ApprovalReminder(jobId, revision, awaiting.reason(), awaiting.deadline(), now());
  }

  private void reminded(ApprovalReminder reminder) {
    updatedAt = now();
    projection.reminded(status(), reminder);
  }

  private JobResult expire(boolean qaPassed) {
    boolean autoApprove = request.onExpiry() == ExpiryAction.AUTO_APPROVE && qaPassed;
    decisions.add(
        automaticDecision(
            autoApprove ? DecisionAction.APPROVE : null,
            "timeout",
            "no decision within " + request.approvalTimeout()));
    if (autoApprove) {
      return finish(
          Stage.APPROVED,
          "no decision within " + request.approvalTimeout() + "; auto-approved as QA passed",
          "timeout",
          "AUTO_APPROVED");
    }
    return finish(
        Stage.EXPIRED, "no decision within " + request.approvalTimeout(), null, "EXPIRED");
  }

  private JobResult cancelled() {
    return finish(Stage.CANCELLED, "cancelled during " + stage, null, "NONE");
  }

  @Override
  public void approve(Decision decision) {
    receive(asReview(decision, DecisionAction.APPROVE), "signal");
  }

  @Override
  public void reject(Decision decision) {
    receive(asReview(decision, DecisionAction.REJECT), "signal");
  }

  @Override
  public JobStatus decide(ReviewDecision decision) {
    receive(decision, "update");
    Workflow.await(() -> stage != Stage.AWAITING_APPROVAL);
    return status();
  }

  @Override
  public void validateDecision(ReviewDecision decision) {
    List<FieldError> errors = JobRequestValidator.validate(decision);
    if (!errors.isEmpty()) {
      throw new DecisionRejection.InvalidDecision("invalid decision: " + errors);
    }
    String outOfTurn = outOfTurn(decision);
    if (outOfTurn != null) {
      throw new DecisionRejection.OutOfTurn(outOfTurn);
    }
  }

  /** Applies a decision when one is awaited; records it as ignored otherwise. */
  private void receive(ReviewDecision decision, String via) {
    List<FieldError> errors = JobRequestValidator.validate(decision);
    String problem = errors.isEmpty() ? outOfTurn(decision) : "invalid decision: " + errors;
    boolean applied = problem == null;
    if (applied) {
      pending = decision;
    } else {
      log.warn("job {}: decision via {} ignored: {}", jobId, via, problem);
    }
    decisions.add(
        new DecisionRecord(
            decision.action(),
            decision.reviewer(),
            decision.comment(),
            decision.wantsRevision(),
            revision,
            via,
            applied,
            problem,
            now()));
    updatedAt = now();
  }

  /** Returns why this decision cannot be taken now, or null when it can. */
  private String outOfTurn(ReviewDecision decision) {
    if (stage != Stage.AWAITING_APPROVAL) {
      return "no decision is awaited: job " + jobId + " is in stage " + stage;
    }
    if (pending != null) {
      return "a decision on revision " + revision + " was already received";
    }
    if (decision.action() == DecisionAction.APPROVE && output == null) {
      return "nothing to approve: no output was generated; reject with regenerate to try again";
    }
    return null;
  }

  @Override
  public JobStatus status() {
    return new JobStatus(
        jobId,
        outputKind,
        stage,
        revision,
        attempt,
        Map.copyOf(models),
        prompt,
        output,
        ledger.attempts(),
        ledger.calls(),
        ledger.inputTokens(),
        ledger.outputTokens(),
        ledger.costUsd(),
        awaiting,
        List.copyOf(decisions),
        reason,
        createdAt,
        updatedAt,
        finishedAt);
  }

  private <T> T stub(Class<T> activities, ActivityOptions options, Step step) {
    String summary =
        step + " · " + models.getOrDefault(step, "unrouted") + " · revision " + revision;
    if (step != Step.PROMPT) {
      summary += ", attempt " + attempt;
    }
    return Workflow.newActivityStub(activities, options.toBuilder().setSummary(summary).build());
  }

  private void record(ModelCall call) {
    ledger.record(call);
    updatedAt = now();
  }

  /** Returns a decision the job took itself, by policy or at a timeout. */
  private DecisionRecord automaticDecision(DecisionAction action, String by, String note) {
    return new DecisionRecord(action, by, null, false, revision, by, true, note, now());
  }

  /** Stops the job before a model call once its budget is spent. */
  private void ensureBudget(Step next) {
    if (ledger.spent(request.budgetUsd())) {
      throw new BudgetExhausted(
          "budget of "
              + request.budgetUsd()
              + " USD spent ("
              + ledger.costUsd()
              + " USD) before "
              + next);
    }
  }

  private void enter(Stage next) {
    stage = next;
    updatedAt = now();
    Workflow.setCurrentDetails(currentDetails());
    Workflow.upsertTypedSearchAttributes(JobSearchAttributes.STAGE.valueSet(next.name()));
    projection.stage(status());
  }

  private JobResult finish(Stage state, String why, String decidedBy, String approvalState) {
    stage = state;
    reason = why;
    awaiting = null;
    finishedAt = now();
    updatedAt = finishedAt;
    Workflow.setCurrentDetails(currentDetails());
    Workflow.upsertTypedSearchAttributes(
        JobSearchAttributes.STAGE.valueSet(state.name()),
        JobSearchAttributes.APPROVAL.valueSet(approvalState));
    log.info("job {} ended {}: {}", jobId, state, why);
    projection.finished(status(), decidedBy);
    return new JobResult(
        jobId,
        state,
        output,
        why,
        decidedBy,
        revision,
        ledger.judgedAttempts(),
        ledger.inputTokens(),
        ledger.outputTokens(),
        ledger.costUsd());
  }

  private String currentDetails() {
    StringBuilder details = new StringBuilder("**").append(stage).append("**");
    if (stage.isFinal()) {
      details.append(": ").append(reason);
    } else if (attempt > 0) {
      details.append(" · revision ").append(revision).append(", attempt ").append(attempt);
    }
    details.append(" · ").append(ledger.inputTokens() + ledger.outputTokens()).append(" tokens");
    details.append(" · ").append(ledger.costUsd().toPlainString()).append(" USD");
    return details.toString();
  }

  private Instant now() {
    return Instant.ofEpochMilli(Workflow.currentTimeMillis());
  }

  private static ReviewDecision asReview(Decision decision, DecisionAction action) {
    return decision == null ? new ReviewDecision(action, null, null, null) : decision.as(action);
  }

  /** Thrown inside the workflow when the next call would exceed the job's budget. */
  private static final class BudgetExhausted extends RuntimeException {
    BudgetExhausted(String message) {
      super(message);
    }
  }
}
