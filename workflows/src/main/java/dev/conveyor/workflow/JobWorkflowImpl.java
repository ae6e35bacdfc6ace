package dev.conveyor.workflow;

import dev.conveyor.workflow.DecisionDesk.Channel;
import dev.conveyor.workflow.model.ApprovalPolicy;
import dev.conveyor.workflow.model.ApprovalReason;
import dev.conveyor.workflow.model.AttemptRecord;
import dev.conveyor.workflow.model.AwaitingApproval;
import dev.conveyor.workflow.model.BundleContext;
import dev.conveyor.workflow.model.Decision;
import dev.conveyor.workflow.model.DecisionAction;
import dev.conveyor.workflow.model.FieldError;
import dev.conveyor.workflow.model.JobRequest;
import dev.conveyor.workflow.model.JobRequestValidator;
import dev.conveyor.workflow.model.JobResult;
import dev.conveyor.workflow.model.JobStatus;
import dev.conveyor.workflow.model.QaVerdict;
import dev.conveyor.workflow.model.ReviewDecision;
import dev.conveyor.workflow.model.Stage;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.CanceledFailure;
import io.temporal.workflow.Workflow;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;

/**
 * The Conveyor job workflow: the pipeline, read top to bottom. The job's state lives in {@link
 * JobState}, decisions arrive at the {@link DecisionDesk}, the routes and inputs come from {@link
 * QuickSteps}, model calls go through {@link ModelSteps}, the endings no reviewer decides are in
 * {@link JobEndings}, the Temporal UI is fed by {@link JobVisibility}, and every versioned change
 * is named in {@link JobVersions}. Deterministic: time comes from {@link
 * Workflow#currentTimeMillis()}, every model call and every byte of content go through activities,
 * and payloads carry artifact references instead of content.
 */
public class JobWorkflowImpl implements JobWorkflow {

  private static final Logger log = Workflow.getLogger(JobWorkflowImpl.class);

  /** Made at construction: a signal sent with the start is handled before {@link #run} begins. */
  private final JobState job =
      new JobState(
          Workflow.getInfo().getWorkflowId(),
          () -> Instant.ofEpochMilli(Workflow.currentTimeMillis()));

  private final DecisionDesk desk = new DecisionDesk(job, log);
  private final ModelSteps steps = new ModelSteps(job);

  /** Made once the run starts: the projection and the reminders read their versions then. */
  private JobTransitions transitions;

  private JobEndings endings;

  private ApprovalReminders reminders;

  @Override
  public JobResult run(JobRequest input) {
    job.started(input);
    List<FieldError> errors = JobRequestValidator.validate(input);
    JobRequest stored = errors.isEmpty() ? input.withDefaults() : input;
    transitions = new JobTransitions(job, JobProjection.start(job.jobId(), stored));
    endings = new JobEndings(job, desk, transitions);
    reminders = ApprovalReminders.start();
    if (!errors.isEmpty()) {
      return fail(Stage.FAILED, "invalid request: " + errors);
    }
    job.accept(input);
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
      return fail(Stage.FAILED, job.stage() + " failed after retries: " + JobTexts.rootMessage(e));
    } catch (BudgetGuard.Exhausted e) {
      return fail(Stage.FAILED, e.getMessage());
    }
  }

  private JobResult runPipeline() {
    JobRequest request = job.request();
    QuickSteps quick = QuickSteps.start();
    quick.route(job);
    enter(Stage.PROMPT);
    quick.storeInputs(job);
    // A bundle's part is newer than every recorded history: its branches need no version marker.
    BundleContext bundled = request.bundle();
    Round round = runRound(bundled == null ? null : bundled.feedback());
    if (bundled != null) {
      return endings.deliver(round, bundled);
    }
    ApprovalReason needsHuman;
    if (round.stoppedEarly()) {
      if (request.approvalPolicy() == ApprovalPolicy.NEVER) {
        return fail(Stage.FAILED, round.stopped());
      }
      needsHuman = round.humanReason();
    } else {
      QaVerdict verdict = round.last().verdict();
      needsHuman = ApprovalRules.reasonForHuman(request, verdict);
      if (needsHuman == null) {
        return endings.byPolicy(verdict);
      }
    }
    while (true) {
      ReviewDecision decision = awaitDecision(needsHuman, round);
      if (decision == null) {
        return endings.expire(round.qaPassed());
      }
      String reviewer = decision.reviewer();
      if (decision.action() == DecisionAction.APPROVE) {
        return finish(Stage.APPROVED, "approved by " + reviewer, reviewer, ApprovalState.APPROVED);
      }
      if (!decision.wantsRevision() || job.revision() >= request.maxRevisions()) {
        String why = JobTexts.rejection(decision, request.maxRevisions());
        return finish(Stage.REJECTED, why, reviewer, ApprovalState.REJECTED);
      }
      if (needsHuman == ApprovalReason.BUDGET) {
        job.budget().grantAnother(job.ledger());
      }
      job.nextRevision();
      round = runRound(JobTexts.reviewerFeedback(decision));
      needsHuman = round.stoppedEarly() ? round.humanReason() : ApprovalReason.REVISION;
    }
  }

  /**
   * One round of work: the prompt when there is none yet, then generation and QA until QA passes or
   * the attempts run out. A model step whose models all fail ends the round with the reason.
   */
  private Round runRound(String reviewerFeedback) {
    try {
      if (job.prompt() == null) {
        steps.writePrompt();
      }
      return Round.judged(generateUntilQaPasses(reviewerFeedback));
    } catch (BudgetGuard.AskHuman e) {
      log.info("job {}: {}", job.jobId(), e.getMessage());
      return Round.stopped(job.lastJudged(), e.getMessage(), ApprovalReason.BUDGET);
    } catch (ActivityFailure e) {
      if (e.getCause() instanceof CanceledFailure || !JobVersions.sendsExhaustedModelsToHuman()) {
        throw e;
      }
      String why = job.stage() + " failed after retries: " + JobTexts.rootMessage(e);
      log.warn("job {}: {}", job.jobId(), why);
      return Round.stopped(null, why, ApprovalReason.MODELS_EXHAUSTED);
    }
  }

  /** Generates and judges until QA passes or the attempts run out; returns the last attempt. */
  private AttemptRecord generateUntilQaPasses(String reviewerFeedback) {
    String qaFeedback = null;
    AttemptRecord last = null;
    for (int next = 1; next <= job.request().maxQaAttempts(); next++) {
      job.attempt(next);
      String feedback = JobTexts.joinFeedback(reviewerFeedback, qaFeedback);
      enter(Stage.GENERATE);
      steps.generate(feedback);
      enter(Stage.QA);
      last = steps.judge();
      if (last.verdict().passed()) {
        return last;
      }
      qaFeedback = last.verdict().feedback();
    }
    return last;
  }

  /** Waits for a reviewer; returns the decision, or null when the approval timeout expires. */
  private ReviewDecision awaitDecision(ApprovalReason why, Round round) {
    desk.open();
    AwaitingApproval awaited = job.awaitDecision(why, round.qaPassed(), round.stopped());
    enter(Stage.AWAITING_APPROVAL);
    JobVisibility.awaitingDecision();
    boolean decided =
        reminders.await(
            job.request().approvalTimeout(), desk::decided, job::reminder, transitions::reminded);
    job.stopAwaiting();
    JobMetrics.approvalWait(why, decided, awaited.since(), job.now());
    return decided ? desk.taken() : null;
  }

  private JobResult cancelled() {
    return fail(Stage.CANCELLED, "cancelled during " + job.stage());
  }

  /** Ends the job FAILED or CANCELLED: no human decided. */
  private JobResult fail(Stage state, String why) {
    return endings.fail(state, why);
  }

  @Override
  public void approve(Decision decision) {
    desk.receive(DecisionDesk.fromSignal(decision, DecisionAction.APPROVE), Channel.SIGNAL);
  }

  @Override
  public void reject(Decision decision) {
    desk.receive(DecisionDesk.fromSignal(decision, DecisionAction.REJECT), Channel.SIGNAL);
  }

  @Override
  public JobStatus decide(ReviewDecision decision) {
    desk.receive(decision, Channel.UPDATE);
    Workflow.await(() -> job.stage() != Stage.AWAITING_APPROVAL);
    return status();
  }

  @Override
  public void validateDecision(ReviewDecision decision) {
    desk.screen(decision);
  }

  @Override
  public JobStatus status() {
    return job.status();
  }

  private void enter(Stage next) {
    transitions.enter(next);
  }

  private JobResult finish(Stage state, String why, String decidedBy, ApprovalState approval) {
    return transitions.finish(state, why, decidedBy, approval);
  }
}
