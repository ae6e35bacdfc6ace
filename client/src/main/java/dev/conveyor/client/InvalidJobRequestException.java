package dev.conveyor.client;

import dev.conveyor.workflow.model.FieldError;
import java.util.List;

/** A job request that failed validation; no workflow was started. */
public class InvalidJobRequestException extends JobClientException {

  private final List<FieldError> errors;

  public InvalidJobRequestException(List<FieldError> errors) {
    super("invalid job request: " + errors);
    this.errors = List.copyOf(errors);
  }

  /** Returns the invalid fields, each with what is wrong with it. */
  public List<FieldError> errors() {
    return errors;
  }
}
