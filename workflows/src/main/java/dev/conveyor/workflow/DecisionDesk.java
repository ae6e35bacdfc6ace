package dev.conveyor.workflow;

import dev.conveyor.workflow.model.Decision;
import dev.conveyor.workflow.model.DecisionAction;
import dev.conveyor.workflow.model.DecisionRecord;
import dev.conveyor.workflow.model.ReviewDecision;
import dev.conveyor.workflow.model.Stage;
import java.util.Locale;
import org.slf4j.Logger;

/**
 * Where a job receives its decisions. A decision is taken when it is well formed and in turn: the
 * job awaits one, has not received one for this revision yet, and has an output to approve. Every
 * decision is recorded, applied or ignored with the reason. Plain Java: the workflow's handlers
 * call it, and its rules are tested without Temporal.
 */
final class DecisionDesk {

  /** How a decision reached the job; its name is what the decision's record says. */
  enum Channel {
    /** The {@code approve} or {@code reject} signal. */
    SIGNAL,
    /** The {@code decide} update. */
    UPDATE,
    /** The job's approval policy, deciding alone. */
    POLICY,
    /** The approval timeout. */
    TIMEOUT;

    /** Returns the name a decision record and a result give this channel. */
    String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  private final JobState job;
  private final Logger log;
  private ReviewDecision taken;

  /**
   * Returns the desk of a job.
   *
   * @param log where ignored decisions are reported: the workflow's logger in a job
   */
  DecisionDesk(JobState job, Logger log) {
    this.job = job;
    this.log = log;
  }

  /** Returns a signal's decision with the signal's action; no payload is a decision by nobody. */
  static ReviewDecision fromSignal(Decision decision, DecisionAction action) {
    return decision == null ? new ReviewDecision(action, null, null, null) : decision.as(action);
  }

  /**
   * Refuses a decision the job would not take now, as the {@code decide} update's validator does.
   *
   * @throws DecisionRejection.InvalidDecision when a field is invalid
   * @throws DecisionRejection.OutOfTurn when no decision is awaited or one was already taken
   */
  void screen(ReviewDecision decision) {
    DecisionRejection.InvalidDecision invalid = DecisionRejection.invalid(decision).orElse(null);
    if (invalid != null) {
      throw invalid;
    }
    String outOfTurn = outOfTurn(decision);
    if (outOfTurn != null) {
      throw new DecisionRejection.OutOfTurn(outOfTurn);
    }
  }

  /**
   * Takes a decision when it is well formed and in turn, and records it either way.
   *
   * @return the decision as recorded: applied, or ignored with the reason
   */
  DecisionRecord receive(ReviewDecision decision, Channel via) {
    String problem =
        DecisionRejection.invalid(decision)
            .map(RuntimeException::getMessage)
            .orElseGet(() -> outOfTurn(decision));
    if (problem == null) {
      taken = decision;
    } else {
      log.warn("job {}: decision via {} ignored: {}", job.jobId(), via.label(), problem);
    }
    DecisionRecord received =
        DecisionRecord.received(decision, job.revision(), via.label(), problem, job.now());
    job.record(received);
    job.touch();
    return received;
  }

  /** Opens the desk for the decision on the current revision; none is taken yet. */
  void open() {
    taken = null;
  }

  /** Returns whether the decision awaited has been taken. */
  boolean decided() {
    return taken != null;
  }

  /** Returns the decision taken since the desk opened, null when none was. */
  ReviewDecision taken() {
    return taken;
  }

  /**
   * Records a decision the job took itself.
   *
   * @param action what it decided, null for nothing (the job expires)
   * @param note how it resolved a timeout, null for none
   */
  void decideAlone(DecisionAction action, Channel by, String note) {
    job.record(DecisionRecord.automatic(action, by.label(), job.revision(), note, job.now()));
  }

  /** Returns why this decision cannot be taken now, or null when it can. */
  private String outOfTurn(ReviewDecision decision) {
    if (job.stage() != Stage.AWAITING_APPROVAL) {
      return "no decision is awaited: job " + job.jobId() + " is in stage " + job.stage();
    }
    if (taken != null) {
      return "a decision on revision " + job.revision() + " was already received";
    }
    if (decision.action() == DecisionAction.APPROVE && job.output() == null) {
      return "nothing to approve: no output was generated; reject with regenerate to try again";
    }
    return null;
  }
}
