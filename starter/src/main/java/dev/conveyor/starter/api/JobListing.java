package dev.conveyor.starter.api;

import dev.conveyor.store.ItemKind;
import dev.conveyor.store.JdbcJobQueries;
import dev.conveyor.store.JobFilter;
import dev.conveyor.store.JobOrder;
import dev.conveyor.workflow.model.FieldError;
import dev.conveyor.workflow.model.JobRequestValidator;
import dev.conveyor.workflow.model.Stage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The query of {@code GET /api/jobs}, checked: every bad value is named in the 400 answer.
 *
 * @param filter which jobs and bundles
 * @param page the page, from 0
 * @param size the page size, 1 to {@value JdbcJobQueries#MAX_PAGE_SIZE}
 */
record JobListing(JobFilter filter, int page, int size) {

  /** The page size when none is given. */
  static final int DEFAULT_SIZE = 20;

  private static final Set<String> PARAMETERS =
      Set.of(
          "state",
          "stage",
          "tag",
          "submitter",
          "createdFrom",
          "createdTo",
          "awaitingFor",
          "order",
          "page",
          "size",
          "kind",
          "bundle");

  /** Reads the query parameters; throws naming every invalid one. */
  static JobListing parse(Map<String, String> params) {
    return parse(params, Clock.systemUTC());
  }

  static JobListing parse(Map<String, String> params, Clock clock) {
    List<FieldError> errors = new ArrayList<>();
    for (Map.Entry<String, String> param : params.entrySet()) {
      String name = param.getKey();
      if (!PARAMETERS.contains(name)) {
        errors.add(new FieldError(name, "is not a filter; use one of " + sorted(PARAMETERS)));
      } else if (param.getValue() != null && param.getValue().indexOf('\u0000') >= 0) {
        // The store cannot compare with a text it could never hold.
        errors.add(new FieldError(name, JobRequestValidator.NUL_MESSAGE));
      }
    }
    Boolean finished = null;
    Stage stage = stage(params.get("stage"), "stage", errors);
    String state = blankToNull(params.get("state"));
    if (state != null) {
      switch (state.toLowerCase(Locale.ROOT)) {
        case "running" -> finished = false;
        case "finished" -> finished = true;
        default -> {
          Stage finalState = stage(state, "state", errors);
          if (finalState != null && !finalState.isFinal()) {
            errors.add(
                new FieldError(
                    "state",
                    "must be running, finished or a final state (APPROVED, REJECTED, FAILED,"
                        + " EXPIRED, CANCELLED, LOST); for a working stage use stage"));
          } else if (finalState != null) {
            if (stage != null && stage != finalState) {
              errors.add(new FieldError("state", "contradicts stage " + stage));
            }
            stage = finalState;
          }
        }
      }
    }
    Instant createdFrom = instant(params.get("createdFrom"), "createdFrom", errors);
    Instant createdTo = instant(params.get("createdTo"), "createdTo", errors);
    if (createdFrom != null && createdTo != null && !createdFrom.isBefore(createdTo)) {
      errors.add(new FieldError("createdTo", "must be after createdFrom"));
    }
    Instant awaitingSinceBefore = null;
    String awaitingFor = blankToNull(params.get("awaitingFor"));
    if (awaitingFor != null) {
      try {
        Duration age = Duration.parse(awaitingFor);
        if (age.isNegative()) {
          errors.add(new FieldError("awaitingFor", "must not be negative"));
        } else {
          awaitingSinceBefore = clock.instant().minus(age);
        }
      } catch (DateTimeParseException e) {
        errors.add(new FieldError("awaitingFor", "must be an ISO-8601 duration such as PT24H"));
      }
    }
    JobOrder order = order(params.get("order"), errors);
    ItemKind kind = kind(params.get("kind"), errors);
    String bundle = blankToNull(params.get("bundle"));
    if (bundle != null && kind == ItemKind.BUNDLE) {
      errors.add(new FieldError("kind", "contradicts bundle, which lists the jobs of its parts"));
    }
    int page = number(params.get("page"), "page", 0, 0, Integer.MAX_VALUE / 1000, errors);
    int size =
        number(params.get("size"), "size", DEFAULT_SIZE, 1, JdbcJobQueries.MAX_PAGE_SIZE, errors);
    if (!errors.isEmpty()) {
      throw new InvalidListingException(errors);
    }
    return new JobListing(
        new JobFilter(
            stage,
            finished,
            blankToNull(params.get("tag")),
            blankToNull(params.get("submitter")),
            createdFrom,
            createdTo,
            awaitingSinceBefore,
            order,
            kind,
            bundle),
        page,
        size);
  }

  private static Stage stage(String value, String field, List<FieldError> errors) {
    String name = blankToNull(value);
    if (name == null) {
      return null;
    }
    try {
      return Stage.valueOf(name.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      errors.add(new FieldError(field, "unknown stage " + name));
      return null;
    }
  }

  private static ItemKind kind(String value, List<FieldError> errors) {
    String text = blankToNull(value);
    if (text == null) {
      return null;
    }
    return switch (text.toLowerCase(Locale.ROOT)) {
      case "job" -> ItemKind.JOB;
      case "bundle" -> ItemKind.BUNDLE;
      default -> {
        errors.add(new FieldError("kind", "must be job or bundle"));
        yield null;
      }
    };
  }

  private static Instant instant(String value, String field, List<FieldError> errors) {
    String text = blankToNull(value);
    if (text == null) {
      return null;
    }
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      errors.add(new FieldError(field, "must be an ISO-8601 instant such as 2026-03-01T00:00:00Z"));
      return null;
    }
  }

  private static JobOrder order(String value, List<FieldError> errors) {
    String text = blankToNull(value);
    if (text == null) {
      return null;
    }
    return switch (text.toLowerCase(Locale.ROOT)) {
      case "newest" -> JobOrder.NEWEST_FIRST;
      case "oldest-awaiting" -> JobOrder.OLDEST_AWAITING_FIRST;
      default -> {
        errors.add(new FieldError("order", "must be newest or oldest-awaiting"));
        yield null;
      }
    };
  }

  private static int number(
      String value, String field, int fallback, int min, int max, List<FieldError> errors) {
    String text = blankToNull(value);
    if (text == null) {
      return fallback;
    }
    try {
      int number = Integer.parseInt(text);
      if (number < min || number > max) {
        errors.add(new FieldError(field, "must be from " + min + " to " + max));
      }
      return number;
    } catch (NumberFormatException e) {
      errors.add(new FieldError(field, "must be a whole number"));
      return fallback;
    }
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.trim();
  }

  private static List<String> sorted(Set<String> names) {
    return names.stream().sorted().toList();
  }

  /** A listing query with invalid parameters. */
  static final class InvalidListingException extends RuntimeException {
    private final List<FieldError> errors;

    InvalidListingException(List<FieldError> errors) {
      super("invalid job listing: " + errors);
      this.errors = List.copyOf(errors);
    }

    List<FieldError> errors() {
      return errors;
    }
  }
}
