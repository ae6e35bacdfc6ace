package dev.conveyor.workflow.model;

/**
 * The payload of the {@code decide} update: a decision with its action.
 *
 * @param action approve or reject
 * @param reviewer who decided
 * @param comment the reviewer's comment
 * @param regenerate for a rejection: whether to generate a new revision with the comment
 */
public record ReviewDecision(
    DecisionAction action, String reviewer, String comment, Boolean regenerate) {

  /** The longest comment a decision may carry. */
  public static final int MAX_COMMENT = 5_000;

  /** Returns whether a rejection asks for a new revision. */
  public boolean wantsRevision() {
    return action == DecisionAction.REJECT && Boolean.TRUE.equals(regenerate);
  }
}
