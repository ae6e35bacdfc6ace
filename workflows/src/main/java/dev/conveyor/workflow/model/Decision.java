package dev.conveyor.workflow.model;

/**
 * The payload of the {@code approve} and {@code reject} signals.
 *
 * @param reviewer who decided
 * @param comment the reviewer's comment; for a rejection with regeneration it feeds the next
 *     revision
 * @param regenerate for a rejection: whether to generate a new revision with the comment
 */
public record Decision(String reviewer, String comment, Boolean regenerate) {

  /** Returns this decision as a review decision with the given action. */
  public ReviewDecision as(DecisionAction action) {
    return new ReviewDecision(action, reviewer, comment, regenerate);
  }
}
