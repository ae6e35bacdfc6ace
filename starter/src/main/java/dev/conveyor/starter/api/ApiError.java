package dev.conveyor.starter.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.conveyor.workflow.model.FieldError;
import java.util.List;

/**
 * The body of every error answer.
 *
 * @param error what went wrong, in one line
 * @param fields the invalid fields, when the request had any; left out otherwise
 */
record ApiError(String error, @JsonInclude(JsonInclude.Include.NON_EMPTY) List<FieldError> fields) {

  ApiError(String error) {
    this(error, List.of());
  }
}
