package dev.conveyor.workflow;

import dev.conveyor.workflow.activity.ApprovalReminder;
import dev.conveyor.workflow.activity.JobEvent;
import dev.conveyor.workflow.activity.JobEventType;
import dev.conveyor.workflow.activity.JobStoreActivities;
import dev.conveyor.workflow.activity.JobStoreWrite;
import dev.conveyor.workflow.model.AttemptRecord;
import dev.conveyor.workflow.model.BudgetIntervention;
import dev.conveyor.workflow.model.DecisionRecord;
import dev.conveyor.workflow.model.JobRequest;
import dev.conveyor.workflow.model.JobStatus;
import dev.conveyor.workflow.model.ModelCall;
import dev.conveyor.workflow.model.Stage;
import dev.conveyor.workflow.model.Step;
import io.temporal.failure.ActivityFailure;
import io.temporal.workflow.Workflow;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;

/**
 * The job's projection into the job store: at each stage change, reminder and at the end, one local
 * activity writes the job's whole state and the events since the last write that succeeded (model
 * calls, QA verdicts and decisions are found by comparing with what was written before). A local
 * activity's input is recorded in the history, so a write carries no content (artifacts are
 * references) and the request (up to 20,000 characters of requirements) goes only until a write
 * succeeds.
 *
 * <p>A write that still fails after its bounded retries is logged and the job carries on: the job
 * must not stop because its read model is down. The next write carries the whole state again, which
 * heals the job's row, and the events that were not stored yet, so the timeline loses nothing once
 * the store is back. Only a failure of the job's last write leaves the store behind.
 *
 * <p>Since version {@value JobVersions#SLIM_STORE_WRITES} 1 a write carries only what the store
 * keeps: the status without its model map, usage by step and budget interventions (the store keeps
 * none of them; the events describe the interventions), and only the attempts that changed since
 * the last write that succeeded (the store upserts attempts one by one). The calls and decisions
 * stay whole, since the store numbers them by their place in the list. The store ends the same; the
 * history holds about a third less per write.
 *
 * <p>Version {@value JobVersions#JOB_STORE_PROJECTION} 1 turns the projection on; it is read once
 * at the start of a run, so histories recorded before it replay without any write.
 */
final class JobProjection {

  private static final Logger log = Workflow.getLogger(JobProjection.class);

  private final boolean enabled;
  private final boolean slim;
  private final String jobId;
  private final JobRequest request;
  private final JobStoreActivities store;
  private final List<JobEvent> unsent = new ArrayList<>();
  private long writes;
  private long events;
  private boolean submitted;

  /** Whether a write has succeeded, so the store holds the request and later writes omit it. */
  private boolean requestStored;

  /** The attempts as the last write that succeeded left them in the store. */
  private List<AttemptRecord> attemptsStored = List.of();

  private int callsSeen;
  private int verdictsSeen;
  private int decisionsSeen;
  private int interventionsSeen;

  /** The revision and attempt at the previous write: the ones the calls made since serve. */
  private int lastRevision;

  private int lastAttempt;

  private JobProjection(boolean enabled, boolean slim, String jobId, JobRequest request) {
    this.enabled = enabled;
    this.slim = slim;
    this.jobId = jobId;
    this.request = request;
    this.store =
        enabled
            ? Workflow.newLocalActivityStub(
                JobStoreActivities.class, JobActivityOptions.STORE_WRITE)
            : null;
  }

  /**
   * Returns the projection of the running job; reads its version once.
   *
   * @param request the request as the store keeps it: with its defaults when it is valid, as
   *     submitted otherwise
   */
  static JobProjection start(String jobId, JobRequest request) {
    boolean enabled = JobVersions.projectsIntoStore();
    return new JobProjection(enabled, enabled && JobVersions.slimsStoreWrites(), jobId, request);
  }

  /** Records that the job entered a working stage. */
  void stage(JobStatus status) {
    String detail = "entered " + status.stage();
    if (status.attempt() > 0 && status.stage() != Stage.AWAITING_APPROVAL) {
      detail += " · revision " + status.revision() + ", attempt " + status.attempt();
    }
    if (status.awaiting() != null) {
      detail += " · " + status.awaiting().reason() + ", deadline " + status.awaiting().deadline();
    }
    write(status, JobEventType.STAGE, null, null, detail);
  }

  /** Records a reminder that the job's approval deadline is near. */
  void reminded(JobStatus status, ApprovalReminder reminder) {
    write(
        status,
        JobEventType.REMINDER,
        reminder.raisedAt(),
        null,
        "decision on revision " + reminder.revision() + " due by " + reminder.deadline());
  }

  /** Records the job's end. */
  void finished(JobStatus status, String decidedBy) {
    write(status, JobEventType.FINISHED, null, decidedBy, status.stage() + ": " + status.reason());
  }

  private void write(JobStatus status, JobEventType type, Instant at, String actor, String detail) {
    if (!enabled) {
      return;
    }
    Instant now = Instant.ofEpochMilli(Workflow.currentTimeMillis());
    collectNewEvents(status, now);
    unsent.add(
        event(
            type,
            at == null ? now : at,
            status.stage(),
            status.revision(),
            status.attempt(),
            actor,
            detail));
    JobStoreWrite write =
        new JobStoreWrite(
            jobId, ++writes, requestStored ? null : request, slim ? kept(status) : status, unsent);
    if (written("job", jobId, write.sequence(), () -> store.project(write))) {
      unsent.clear();
      requestStored = true;
      attemptsStored = status.attempts();
    }
  }

  /**
   * Runs one store write outside any cancellation (a cancelled workflow still records its end);
   * returns whether it succeeded. A write that failed after its retries is logged: the workflow
   * carries on, and its next write carries its whole state.
   */
  static boolean written(String kind, String id, long sequence, Runnable write) {
    try {
      Workflow.newDetachedCancellationScope(write).run();
      return true;
    } catch (ActivityFailure e) {
      log.warn(
          "{} {}: job store write {} failed after retries; it carries on and the next write"
              + " carries its whole state: {}",
          kind,
          id,
          sequence,
          JobTexts.rootMessage(e));
      return false;
    }
  }

  /** Returns the status as the store keeps it, with the attempts changed since the last write. */
  private JobStatus kept(JobStatus status) {
    List<AttemptRecord> attempts = status.attempts();
    List<AttemptRecord> changed = new ArrayList<>();
    for (int i = 0; i < attempts.size(); i++) {
      if (i >= attemptsStored.size() || !attempts.get(i).equals(attemptsStored.get(i))) {
        changed.add(attempts.get(i));
      }
    }
    return status.toBuilder()
        .models(Map.of())
        .usageByStep(Map.of())
        .budgetInterventions(List.of())
        .attempts(changed)
        .build();
  }

  /** Turns what changed since the last write into events, oldest kind first. */
  private void collectNewEvents(JobStatus status, Instant now) {
    if (!submitted) {
      submitted = true;
      String submitter = request == null ? null : request.submitter();
      String detail =
          status.outputKind()
              + " job"
              + (request == null || request.tags() == null || request.tags().isEmpty()
                  ? ""
                  : " tagged " + String.join(", ", request.tags()));
      unsent.add(
          event(JobEventType.SUBMITTED, status.createdAt(), Stage.PROMPT, 0, 0, submitter, detail));
    }
    List<ModelCall> calls = status.calls();
    for (ModelCall call : calls.subList(Math.min(callsSeen, calls.size()), calls.size())) {
      unsent.add(
          event(
              JobEventType.MODEL_CALL,
              now,
              stageOf(call.step()),
              lastRevision,
              lastAttempt,
              null,
              call.step()
                  + " · "
                  + call.modelId()
                  + " · "
                  + (call.inputTokens() + call.outputTokens())
                  + " tokens · "
                  + call.costUsd().toPlainString()
                  + " USD · "
                  + call.latencyMs()
                  + " ms"));
    }
    callsSeen = calls.size();
    List<AttemptRecord> judged =
        status.attempts().stream().filter(attempt -> attempt.verdict() != null).toList();
    for (AttemptRecord attempt :
        judged.subList(Math.min(verdictsSeen, judged.size()), judged.size())) {
      unsent.add(
          event(
              JobEventType.QA_VERDICT,
              now,
              Stage.QA,
              attempt.revision(),
              attempt.attempt(),
              attempt.checkedBy(),
              (attempt.verdict().passed() ? "passed" : "failed")
                  + " (score "
                  + attempt.verdict().score()
                  + ")"
                  + (attempt.verdict().passed() ? "" : ": " + attempt.verdict().feedback())));
    }
    verdictsSeen = judged.size();
    List<DecisionRecord> decisions = status.decisions();
    for (DecisionRecord decision :
        decisions.subList(Math.min(decisionsSeen, decisions.size()), decisions.size())) {
      unsent.add(
          event(
              JobEventType.DECISION,
              decision.at() == null ? now : decision.at(),
              status.stage(),
              decision.revision(),
              0,
              decision.reviewer(),
              describe(decision)));
    }
    decisionsSeen = decisions.size();
    List<BudgetIntervention> interventions = status.budgetInterventions();
    for (BudgetIntervention intervention :
        interventions.subList(
            Math.min(interventionsSeen, interventions.size()), interventions.size())) {
      unsent.add(
          event(
              JobEventType.BUDGET,
              intervention.at() == null ? now : intervention.at(),
              status.stage(),
              intervention.revision(),
              intervention.attempt(),
              "budget",
              intervention.action()
                  + " before "
                  + intervention.step()
                  + ": estimate "
                  + intervention.estimateUsd().stripTrailingZeros().toPlainString()
                  + " USD, "
                  + intervention.remainingUsd().stripTrailingZeros().toPlainString()
                  + " USD left"));
    }
    interventionsSeen = interventions.size();
    lastRevision = status.revision();
    lastAttempt = status.attempt();
  }

  private JobEvent event(
      JobEventType type,
      Instant at,
      Stage stage,
      int revision,
      int attempt,
      String actor,
      String detail) {
    return new JobEvent(++events, type, at, stage, revision, attempt, actor, detail);
  }

  /** Returns a decision in words: what, through which channel, applied or why not, comment. */
  private static String describe(DecisionRecord decision) {
    String what =
        decision.action() == null
            ? "no decision"
            : switch (decision.action()) {
              case APPROVE -> "approve";
              case REJECT -> decision.regenerate() ? "reject and regenerate" : "reject";
            };
    String text = what + " via " + decision.via();
    text += decision.applied() ? "" : " (ignored: " + decision.note() + ")";
    if (decision.applied() && decision.note() != null) {
      text += " (" + decision.note() + ")";
    }
    if (decision.comment() != null && !decision.comment().isBlank()) {
      text += ": " + decision.comment();
    }
    return text;
  }

  private static Stage stageOf(Step step) {
    return switch (step) {
      case PROMPT -> Stage.PROMPT;
      case TEXT_GENERATION, IMAGE_GENERATION, CODE_GENERATION -> Stage.GENERATE;
      case TEXT_QA, VISION_QA, CODE_QA -> Stage.QA;
    };
  }
}
