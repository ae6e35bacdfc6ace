package dev.conveyor.workflow.model;

/** Which of a step's models a call goes to. */
public enum ModelTier {
  /** The step's configured model and its fallbacks. */
  STANDARD,
  /**
   * The step's cheaper model ({@code conveyor.models.<step>.economy}, the offline model when none
   * is configured), which the budget switches to.
   */
  ECONOMY;

  /** Returns the tier of a request, {@link #STANDARD} when it names none. */
  public static ModelTier orStandard(ModelTier tier) {
    return tier == null ? STANDARD : tier;
  }
}
