package dev.conveyor.starter.api;

import dev.conveyor.workflow.model.FieldError;
import dev.conveyor.workflow.model.JobRequest;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/** Turns a request body that Jackson could not read into the field it failed on. */
final class JsonErrors {

  /** Jackson's message for a property given twice, naming the property. */
  private static final Pattern DUPLICATE =
      Pattern.compile("Duplicate (?:Object property|field) [\"']([^\"']*)[\"']");

  /** The field named when the body as a whole is wrong. */
  static final String BODY = "body";

  private JsonErrors() {}

  static FieldError fieldError(Throwable failure) {
    JacksonException jackson = find(failure);
    if (jackson == null) {
      return new FieldError(BODY, "is required: a JSON object");
    }
    String field = path(jackson);
    if (jackson instanceof UnrecognizedPropertyException unknown) {
      if (field.equals("parts") && unknown.getReferringClass() == JobRequest.class) {
        // A bundle sent where a single job is expected.
        return new FieldError(
            field, "is not a field of a job request: a bundle goes to POST /api/bundles");
      }
      return new FieldError(field, "is not a known field");
    }
    if (jackson instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
      String message = "must be " + expected(mismatch.getTargetType());
      if (mismatch instanceof InvalidFormatException invalid && invalid.getValue() != null) {
        message += ", not '" + invalid.getValue() + "'";
      }
      return new FieldError(field, message);
    }
    Matcher duplicate = DUPLICATE.matcher(String.valueOf(jackson.getOriginalMessage()));
    if (jackson instanceof StreamReadException && duplicate.find()) {
      String name = duplicate.group(1);
      return new FieldError(
          field.equals(BODY) ? name : field + "." + name, "is given more than once");
    }
    if (jackson instanceof StreamReadException) {
      return new FieldError(field, "is not valid JSON: " + describe(jackson));
    }
    return new FieldError(field, describe(jackson));
  }

  /** Returns the JSON path of the failure, {@code qaCriteria[2]} style, or {@value #BODY}. */
  private static String path(JacksonException failure) {
    StringBuilder path = new StringBuilder();
    for (JacksonException.Reference reference : failure.getPath()) {
      if (reference.getPropertyName() != null) {
        if (!path.isEmpty()) {
          path.append('.');
        }
        path.append(reference.getPropertyName());
      } else if (reference.getIndex() >= 0) {
        path.append('[').append(reference.getIndex()).append(']');
      }
    }
    return path.isEmpty() ? BODY : path.toString();
  }

  private static String expected(Class<?> type) {
    if (type.isEnum()) {
      return "one of "
          + Arrays.stream(type.getEnumConstants())
              .map(String::valueOf)
              .collect(Collectors.joining(", "));
    }
    if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
      return "a whole number";
    }
    if (type == Double.class || type == double.class || type == BigDecimal.class) {
      return "a number";
    }
    if (type == Boolean.class || type == boolean.class) {
      return "true or false";
    }
    if (type == Duration.class) {
      return "an ISO-8601 duration such as PT72H";
    }
    if (type == Instant.class) {
      return "an ISO-8601 instant such as 2025-01-31T12:00:00Z";
    }
    if (type == String.class) {
      return "a string";
    }
    if (Collection.class.isAssignableFrom(type) || type.isArray()) {
      return "an array";
    }
    return "a JSON object";
  }

  private static String describe(JacksonException failure) {
    String message = failure.getOriginalMessage();
    int newline = message == null ? -1 : message.indexOf('\n');
    String line = newline < 0 ? String.valueOf(message) : message.substring(0, newline);
    TokenStreamLocation location = failure.getLocation();
    if (location != null && location.getLineNr() > 0) {
      line += " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
    }
    return line;
  }

  private static JacksonException find(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof JacksonException jackson) {
        return jackson;
      }
    }
    return null;
  }
}
