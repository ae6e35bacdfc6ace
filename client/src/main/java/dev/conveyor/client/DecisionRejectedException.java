package dev.conveyor.client;

import dev.conveyor.workflow.model.FieldError;
import java.util.List;

/** A reviewer's decision that the job did not apply. */
public class DecisionRejectedException extends JobClientException {

  /** Why a decision was rejected. */
  public enum Reason {
    /** The decision itself is invalid, for example without a reviewer. */
    INVALID,
    /** The job awaits no decision now, or already received one. */
    OUT_OF_TURN,
    /** The job has ended. */
    JOB_ENDED
  }

  private final Reason reason;
  private final List<FieldError> errors;

  public DecisionRejectedException(Reason reason, String message, List<FieldError> errors) {
    super(message);
    this.reason = reason;
    this.errors = List.copyOf(errors);
  }

  public Reason reason() {
    return reason;
  }

  /** Returns the invalid fields of an {@link Reason#INVALID} decision, empty otherwise. */
  public List<FieldError> errors() {
    return errors;
  }
}
