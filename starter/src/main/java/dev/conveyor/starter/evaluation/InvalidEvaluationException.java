package dev.conveyor.starter.evaluation;

import dev.conveyor.workflow.model.FieldError;
import java.util.List;

/** An evaluation request with invalid fields; nothing was stored or started. */
public class InvalidEvaluationException extends RuntimeException {

  private final List<FieldError> errors;

  public InvalidEvaluationException(List<FieldError> errors) {
    super("invalid evaluation request: " + errors);
    this.errors = List.copyOf(errors);
  }

  /** Returns the invalid fields, each with what is wrong with it. */
  public List<FieldError> errors() {
    return errors;
  }
}
