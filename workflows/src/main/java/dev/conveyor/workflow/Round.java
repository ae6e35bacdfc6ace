package dev.conveyor.workflow;

import dev.conveyor.workflow.model.ApprovalReason;
import dev.conveyor.workflow.model.AttemptRecord;

/**
 * How a round of work ended: the prompt when there was none yet, then generation and QA until QA
 * passed or the attempts ran out, or until the models or the budget stopped it.
 *
 * @param last the last attempt, null when the models gave out before one was judged
 * @param stopped why the models gave out or the budget stopped the round, null when neither did
 * @param humanReason why a human must decide when the round stopped early
 */
record Round(AttemptRecord last, String stopped, ApprovalReason humanReason) {

  /** Returns a round that ran its course, ending with the last attempt judged. */
  static Round judged(AttemptRecord last) {
    return new Round(last, null, null);
  }

  /** Returns a round stopped early, which a human must now decide on. */
  static Round stopped(AttemptRecord last, String why, ApprovalReason humanReason) {
    return new Round(last, why, humanReason);
  }

  /** Returns whether the round stopped before QA passed or the attempts ran out. */
  boolean stoppedEarly() {
    return stopped != null;
  }

  /** Returns whether the last attempt passed QA. */
  boolean qaPassed() {
    return last != null && last.verdict() != null && last.verdict().passed();
  }
}
