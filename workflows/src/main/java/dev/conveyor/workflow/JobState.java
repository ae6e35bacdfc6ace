package dev.conveyor.workflow;

import dev.conveyor.workflow.activity.ApprovalReminder;
import dev.conveyor.workflow.activity.CodeSpec;
import dev.conveyor.workflow.model.ApprovalReason;
import dev.conveyor.workflow.model.ArtifactRef;
import dev.conveyor.workflow.model.AttemptRecord;
import dev.conveyor.workflow.model.AwaitingApproval;
import dev.conveyor.workflow.model.DecisionRecord;
import dev.conveyor.workflow.model.JobRequest;
import dev.conveyor.workflow.model.JobResult;
import dev.conveyor.workflow.model.JobStatus;
import dev.conveyor.workflow.model.ModelCall;
import dev.conveyor.workflow.model.ModelTier;
import dev.conveyor.workflow.model.OutputKind;
import dev.conveyor.workflow.model.QaVerdict;
import dev.conveyor.workflow.model.Stage;
import dev.conveyor.workflow.model.Step;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * A job's state in one object: where it is, what it has produced and spent, the decision it awaits
 * and the decisions it received. The {@code status} query and the job's result are built from it.
 * Plain Java: the workflow hands it its clock, so it can be tested without Temporal.
 */
final class JobState {

  private final String jobId;
  private final Supplier<Instant> clock;
  private final JobLedger ledger = new JobLedger();
  private final List<DecisionRecord> decisions = new ArrayList<>();
  private JobRequest request;
  private OutputKind outputKind;
  private Stage stage = Stage.PROMPT;
  private int revision;
  private int attempt;
  private Map<Step, String> models = Map.of();
  private ArtifactRef requirements;
  private ArtifactRef prompt;
  private CodeSpec codeSpec;
  private ArtifactRef output;
  private BudgetGuard budget;
  private AwaitingApproval awaiting;
  private String reason;
  private Instant createdAt;
  private Instant updatedAt;
  private Instant finishedAt;

  /**
   * Returns the state of a job that has not started yet.
   *
   * @param clock the workflow's time
   */
  JobState(String jobId, Supplier<Instant> clock) {
    this.jobId = jobId;
    this.clock = clock;
  }

  /** Records the start of the job as submitted, before its request is checked. */
  void started(JobRequest input) {
    createdAt = now();
    updatedAt = createdAt;
    outputKind = input == null ? null : input.outputKind();
  }

  /** Takes the checked request, with its defaults, as the one the job follows. */
  void accept(JobRequest valid) {
    request = valid.withDefaults();
  }

  /** Takes the model that serves each step. */
  void routed(Map<Step, String> routes) {
    models = routes;
  }

  void budget(BudgetGuard guard) {
    budget = guard;
  }

  void requirements(ArtifactRef stored) {
    requirements = stored;
  }

  void prompt(ArtifactRef written) {
    prompt = written;
  }

  /** Takes what a CODE output must be: its language and the stored JSON Schema, if any. */
  void codeSpec(CodeSpec spec) {
    codeSpec = spec;
  }

  /** Takes a new output: its generation is the newest attempt, for QA to judge. */
  void generated(AttemptRecord attempt) {
    output = attempt.output();
    ledger.addAttempt(attempt);
  }

  /** Records QA's verdict on the newest attempt and returns the attempt judged. */
  AttemptRecord judged(QaVerdict verdict, String checkedBy) {
    return ledger.judgeLatest(verdict, checkedBy);
  }

  /** Moves to a working stage. */
  void enter(Stage next) {
    stage = next;
    touch();
  }

  /** Starts attempt {@code next} of the current revision. */
  void attempt(int next) {
    attempt = next;
  }

  /** Starts the next revision after a reviewer asked for one. */
  void nextRevision() {
    revision++;
  }

  /** Adds a model call to what the job has spent. */
  void record(ModelCall call) {
    ledger.record(call);
    touch();
  }

  /** Adds a decision, applied or ignored. */
  void record(DecisionRecord decision) {
    decisions.add(decision);
  }

  /**
   * Starts waiting for a decision on the current revision, from now until the approval timeout.
   *
   * @param detail what went wrong, when the models gave out or the budget stopped the round
   * @return the decision awaited
   */
  AwaitingApproval awaitDecision(ApprovalReason why, boolean qaPassed, String detail) {
    Instant since = now();
    awaiting =
        new AwaitingApproval(
            why, revision, qaPassed, since, since.plus(request.approvalTimeout()), detail);
    return awaiting;
  }

  /** Stops waiting for a decision: one was taken, or the wait expired. */
  void stopAwaiting() {
    awaiting = null;
  }

  /** Returns the newest attempt QA judged in the current revision, null when there is none. */
  AttemptRecord lastJudged() {
    return ledger.latestJudged(revision);
  }

  /** Returns the reminder that the decision awaited now is due soon. */
  ApprovalReminder reminder() {
    return new ApprovalReminder(jobId, revision, awaiting.reason(), awaiting.deadline(), now());
  }

  /** Ends the job in a final state. */
  void end(Stage state, String why) {
    stage = state;
    reason = why;
    awaiting = null;
    finishedAt = now();
    updatedAt = finishedAt;
  }

  /** Records that the job's status changed without a change of stage. */
  void touch() {
    updatedAt = now();
  }

  /** Returns the tier the next call of a step may use; may stop the job or ask a human. */
  ModelTier budgetFor(Step next) {
    return budget.beforeCall(next, ledger, revision, attempt, now());
  }

  /** Returns the job's progress, as the {@code status} query answers it. */
  JobStatus status() {
    return JobStatus.builder()
        .jobId(jobId)
        .outputKind(outputKind)
        .stage(stage)
        .revision(revision)
        .attempt(attempt)
        .models(Map.copyOf(models))
        .prompt(prompt)
        .output(output)
        .attempts(ledger.attempts())
        .calls(ledger.calls())
        .inputTokens(ledger.inputTokens())
        .outputTokens(ledger.outputTokens())
        .costUsd(ledger.costUsd())
        .awaiting(awaiting)
        .decisions(List.copyOf(decisions))
        .reason(reason)
        .createdAt(createdAt)
        .updatedAt(updatedAt)
        .finishedAt(finishedAt)
        .usageByStep(ledger.usageByStep())
        .budgetUsd(budget == null ? null : budget.budgetUsd())
        .budgetPolicy(budget == null ? null : budget.policy())
        .budgetInterventions(budget == null ? List.of() : budget.interventions())
        .profile(request == null ? null : request.profileOrDefault())
        .build();
  }

  /** Returns how the job ended; call it once {@link #end} has set the final state. */
  JobResult result(String decidedBy) {
    return JobResult.endedAt(status(), decidedBy);
  }

  Instant now() {
    return clock.get();
  }

  String jobId() {
    return jobId;
  }

  /** Returns the checked request with its defaults, null until it is accepted. */
  JobRequest request() {
    return request;
  }

  OutputKind outputKind() {
    return outputKind;
  }

  Stage stage() {
    return stage;
  }

  int revision() {
    return revision;
  }

  int attempt() {
    return attempt;
  }

  /** Returns the model that serves a step, as {@code provider/model}, or {@code unrouted}. */
  String modelOf(Step step) {
    return models.getOrDefault(step, "unrouted");
  }

  ArtifactRef requirements() {
    return requirements;
  }

  ArtifactRef prompt() {
    return prompt;
  }

  /** Returns what a CODE output must be, null for other kinds. */
  CodeSpec codeSpec() {
    return codeSpec;
  }

  ArtifactRef output() {
    return output;
  }

  JobLedger ledger() {
    return ledger;
  }

  BudgetGuard budget() {
    return budget;
  }

  AwaitingApproval awaiting() {
    return awaiting;
  }

  String reason() {
    return reason;
  }

  Instant createdAt() {
    return createdAt;
  }

  Instant finishedAt() {
    return finishedAt;
  }
}
