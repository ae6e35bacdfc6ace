package dev.conveyor.workflow;

import dev.conveyor.workflow.model.FieldError;
import dev.conveyor.workflow.model.JobRequestValidator;
import dev.conveyor.workflow.model.ReviewDecision;
import java.util.List;
import java.util.Optional;

/**
 * Why the {@code decide} update's validator refused a decision. Temporal reports it to the caller
 * as an application failure whose type is the exception's class name, so callers tell the two cases
 * apart by {@link #typeOf(String)}.
 *
 * <p>{@link #invalid(ReviewDecision)} is the one check of a decision's fields: the workflow applies
 * it to every decision it receives, and clients call it before they send one, so both refuse the
 * same decisions with the same words.
 */
public final class DecisionRejection {

  private DecisionRejection() {}

  /** The decision is malformed, for example it names no reviewer. */
  public static final class InvalidDecision extends IllegalArgumentException {

    private final transient List<FieldError> errors;

    /** Returns the rejection of a decision with these invalid fields. */
    public InvalidDecision(List<FieldError> errors) {
      super("invalid decision: " + errors);
      this.errors = List.copyOf(errors);
    }

    /** Returns the invalid fields, each with what is wrong with it. */
    public List<FieldError> errors() {
      return errors;
    }
  }

  /** No decision is awaited: the job is in another stage, or a decision was already taken. */
  public static final class OutOfTurn extends IllegalStateException {
    public OutOfTurn(String message) {
      super(message);
    }
  }

  /**
   * Returns why a decision is malformed, naming each invalid field, or empty when it is well
   * formed. Whether it is in turn only the job can tell.
   */
  public static Optional<InvalidDecision> invalid(ReviewDecision decision) {
    List<FieldError> errors = JobRequestValidator.validate(decision);
    return errors.isEmpty() ? Optional.empty() : Optional.of(new InvalidDecision(errors));
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
