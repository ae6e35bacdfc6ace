package dev.conveyor.workflow;

/**
 * Why the {@code decide} update's validator refused a decision. Temporal reports it to the caller
 * as an application failure whose type is the exception's class name, so callers tell the two cases
 * apart by {@link #typeOf(String)}.
 */
public final class DecisionRejection {

  private DecisionRejection() {}

  /** The decision is malformed, for example it names no reviewer. */
  public static final class InvalidDecision extends IllegalArgumentException {
    public InvalidDecision(String message) {
      super(message);
    }
  }

  /** No decision is awaited: the job is in another stage, or a decision was already taken. */
  public static final class OutOfTurn extends IllegalStateException {
    public OutOfTurn(String message) {
      super(message);
    }
  }

  /** Returns the kind of rejection a failure type names, or null when it names neither. */
  public static Class<? extends RuntimeException> typeOf(String failureType) {
    if (InvalidDecision.class.getName().equals(failureType)) {
      return InvalidDecision.class;
    }
    if (OutOfTurn.class.getName().equals(failureType)) {
      return OutOfTurn.class;
    }
    return null;
  }
}
