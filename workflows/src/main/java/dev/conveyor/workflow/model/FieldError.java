package dev.conveyor.workflow.model;

/**
 * One invalid field of a request.
 *
 * @param field the field's JSON name
 * @param message what is wrong with it
 */
public record FieldError(String field, String message) {

  @Override
  public String toString() {
    return field + ": " + message;
  }
}
