package dev.conveyor.workflow.model;

import java.time.Instant;

/**
 * A decision as the job recorded it, applied or ignored.
 *
 * @param action approve or reject
 * @param reviewer who decided
 * @param comment the reviewer's comment
 * @param regenerate whether a rejection asked for a new revision
 * @param revision the revision the decision was about
 * @param via how it arrived: {@code signal}, {@code update}, {@code policy} or {@code timeout}
 * @param applied whether the job acted on it
 * @param note why it was ignored, or how the job resolved a timeout
 * @param at when it arrived (workflow time)
 */
public record DecisionRecord(
    DecisionAction action,
    String reviewer,
    String comment,
    boolean regenerate,
    int revision,
    String via,
    boolean applied,
    String note,
    Instant at) {

  /**
   * Returns a reviewer's decision as the job received it.
   *
   * @param revision the revision awaiting a decision when it arrived
   * @param via {@code signal} or {@code update}
   * @param problem why it was ignored, null when the job applied it
   */
  public static DecisionRecord received(
      ReviewDecision decision, int revision, String via, String problem, Instant at) {
    return new DecisionRecord(
        decision.action(),
        decision.reviewer(),
        decision.comment(),
        decision.wantsRevision(),
        revision,
        via,
        problem == null,
        problem,
        at);
  }

  /**
   * Returns a decision the job took itself: by its policy, or when the approval timeout expired.
   *
   * @param action what the job decided, null when it decided nothing (the job expired)
   * @param by {@code policy} or {@code timeout}: the reviewer and the channel both
   * @param note how the job resolved a timeout, null for none
   */
  public static DecisionRecord automatic(
      DecisionAction action, String by, int revision, String note, Instant at) {
    return new DecisionRecord(action, by, null, false, revision, by, true, note, at);
  }
}
