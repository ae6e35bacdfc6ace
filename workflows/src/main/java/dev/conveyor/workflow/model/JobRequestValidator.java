package dev.conveyor.workflow.model;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The one check of a job request and of a decision's fields: the workflow's authority. The workflow
 * applies it to every request it runs and every decision it receives (a request sent straight
 * through a Temporal client ends FAILED with these errors instead of running). The Java client, and
 * through it the REST API, call the same methods before they reach Temporal, so a caller hears of a
 * bad field at once, with the same words. Each error names its field.
 */
public final class JobRequestValidator {

  public static final int MAX_CRITERIA = 50;
  public static final int MAX_CRITERION_LENGTH = 1_000;
  public static final int MAX_QA_ATTEMPTS = 10;
  public static final int MAX_REVISIONS = 10;
  public static final int MAX_TAGS = 20;
  public static final int MAX_TAG_LENGTH = 64;
  public static final int MAX_SUBMITTER_LENGTH = 200;
  public static final Duration MAX_APPROVAL_TIMEOUT = Duration.ofDays(365);

  /** What a routing profile's name looks like: lower-case letters, digits and dashes. */
  public static final Pattern PROFILE_NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,39}");

  /** Why a text holding the NUL character is refused. */
  public static final String NUL_MESSAGE =
      "contains the NUL character (\\u0000), which the job store cannot keep";

  private JobRequestValidator() {}

  /** Returns the errors of a request, empty when it is valid. */
  public static List<FieldError> validate(JobRequest request) {
    List<FieldError> errors = new ArrayList<>();
    if (request == null) {
      errors.add(new FieldError("request", "is required"));
      return errors;
    }
    String requirements = request.requirements();
    if (requirements == null || requirements.isBlank()) {
      errors.add(new FieldError("requirements", "is required"));
    } else if (requirements.length() > JobRequest.MAX_REQUIREMENTS) {
      errors.add(tooLong("requirements", requirements, JobRequest.MAX_REQUIREMENTS));
    }
    checkStorable(errors, "requirements", requirements);
    if (request.outputKind() == null) {
      errors.add(new FieldError("outputKind", "is required: TEXT, IMAGE or CODE"));
    }
    checkCode(errors, request);
    List<String> criteria = request.qaCriteria();
    if (criteria != null) {
      if (criteria.size() > MAX_CRITERIA) {
        errors.add(new FieldError("qaCriteria", "has more than " + MAX_CRITERIA + " entries"));
      }
      for (int i = 0; i < criteria.size(); i++) {
        String criterion = criteria.get(i);
        if (criterion == null || criterion.isBlank()) {
          errors.add(new FieldError("qaCriteria[" + i + "]", "is blank"));
        } else if (criterion.length() > MAX_CRITERION_LENGTH) {
          errors.add(
              new FieldError(
                  "qaCriteria[" + i + "]",
                  "is longer than " + MAX_CRITERION_LENGTH + " characters"));
        }
        checkStorable(errors, "qaCriteria[" + i + "]", criterion);
      }
    }
    checkRange(errors, "maxQaAttempts", request.maxQaAttempts(), 1, MAX_QA_ATTEMPTS);
    checkRange(errors, "maxRevisions", request.maxRevisions(), 0, MAX_REVISIONS);
    Double threshold = request.scoreThreshold();
    if (threshold != null && !(threshold >= 0 && threshold <= 1)) {
      errors.add(new FieldError("scoreThreshold", "must be between 0 and 1"));
    }
    Duration timeout = request.approvalTimeout();
    if (timeout != null
        && (timeout.isNegative()
            || timeout.isZero()
            || timeout.compareTo(MAX_APPROVAL_TIMEOUT) > 0)) {
      errors.add(new FieldError("approvalTimeout", "must be positive and at most 365 days"));
    }
    BigDecimal budget = request.budgetUsd();
    if (budget != null && budget.signum() < 0) {
      errors.add(new FieldError("budgetUsd", "must not be negative"));
    }
    if (request.submitter() != null && request.submitter().length() > MAX_SUBMITTER_LENGTH) {
      errors.add(
          new FieldError("submitter", "is longer than " + MAX_SUBMITTER_LENGTH + " characters"));
    }
    checkStorable(errors, "submitter", request.submitter());
    List<String> tags = request.tags();
    if (tags != null) {
      if (tags.size() > MAX_TAGS) {
        errors.add(new FieldError("tags", "has more than " + MAX_TAGS + " entries"));
      }
      for (int i = 0; i < tags.size(); i++) {
        String tag = tags.get(i);
        if (tag == null || tag.isBlank() || tag.length() > MAX_TAG_LENGTH) {
          errors.add(
              new FieldError("tags[" + i + "]", "must be 1 to " + MAX_TAG_LENGTH + " characters"));
        }
        checkStorable(errors, "tags[" + i + "]", tag);
      }
    }
    String profile = request.profile();
    if (profile != null && !PROFILE_NAME.matcher(profile).matches()) {
      errors.add(
          new FieldError(
              "profile",
              "is "
                  + quoted(profile)
                  + ", which is not a profile name: 1 to 40 lower-case letters, digits or dashes"));
    }
    return errors;
  }

  /**
   * Returns the errors of a reviewer's decision, empty when it is valid. Whether the decision is in
   * turn only the job can tell; {@code DecisionRejection.invalid} wraps these errors as the
   * rejection the {@code decide} update's validator throws.
   */
  public static List<FieldError> validate(ReviewDecision decision) {
    List<FieldError> errors = new ArrayList<>();
    if (decision == null) {
      errors.add(new FieldError("decision", "is required"));
      return errors;
    }
    if (decision.action() == null) {
      errors.add(new FieldError("action", "is required: APPROVE or REJECT"));
    }
    if (decision.reviewer() == null || decision.reviewer().isBlank()) {
      errors.add(new FieldError("reviewer", "is required"));
    } else if (decision.reviewer().length() > MAX_SUBMITTER_LENGTH) {
      errors.add(
          new FieldError("reviewer", "is longer than " + MAX_SUBMITTER_LENGTH + " characters"));
    }
    if (decision.comment() != null && decision.comment().length() > ReviewDecision.MAX_COMMENT) {
      errors.add(
          new FieldError(
              "comment", "is longer than " + ReviewDecision.MAX_COMMENT + " characters"));
    }
    checkStorable(errors, "reviewer", decision.reviewer());
    checkStorable(errors, "comment", decision.comment());
    return errors;
  }

  /**
   * Checks the fields of a CODE output: a known language is required, and a JSON Schema may come
   * only with {@code json}; other kinds take neither.
   */
  private static void checkCode(List<FieldError> errors, JobRequest request) {
    String language = request.language();
    String schema = request.jsonSchema();
    if (request.outputKind() != OutputKind.CODE) {
      if (language != null) {
        errors.add(new FieldError("language", "is only for CODE outputs"));
      }
      if (schema != null) {
        errors.add(new FieldError("jsonSchema", "is only for CODE outputs in json"));
      }
      return;
    }
    CodeLanguage known = CodeLanguage.of(language);
    if (language == null || language.isBlank()) {
      errors.add(new FieldError("language", "is required for CODE: one of " + CodeLanguage.ids()));
    } else if (known == null) {
      errors.add(
          new FieldError(
              "language",
              "is "
                  + quoted(language)
                  + ", which is not a known language: one of "
                  + CodeLanguage.ids()));
    }
    if (schema == null) {
      return;
    }
    if (known != null && known != CodeLanguage.JSON) {
      errors.add(new FieldError("jsonSchema", "is only for CODE outputs in json"));
    } else if (schema.isBlank()) {
      errors.add(new FieldError("jsonSchema", "is blank"));
    } else if (schema.length() > JobRequest.MAX_JSON_SCHEMA) {
      errors.add(tooLong("jsonSchema", schema, JobRequest.MAX_JSON_SCHEMA));
    }
    checkStorable(errors, "jsonSchema", schema);
  }

  private static FieldError tooLong(String field, String text, int max) {
    return new FieldError(
        field, "has " + text.length() + " characters, at most " + max + " are allowed");
  }

  /** Quotes a caller's value for a message, cut short so a long value cannot flood it. */
  private static String quoted(String value) {
    String shown = value.length() > 40 ? value.substring(0, 40) + "..." : value;
    return "\"" + shown + "\"";
  }

  /**
   * Refuses a text the job store cannot keep: PostgreSQL stores no NUL character, so every write of
   * a job holding one would fail and the job would vanish from the listing, the inbox and the
   * timeline.
   */
  private static void checkStorable(List<FieldError> errors, String field, String text) {
    if (text != null && text.indexOf('\u0000') >= 0) {
      errors.add(new FieldError(field, NUL_MESSAGE));
    }
  }

  private static void checkRange(
      List<FieldError> errors, String field, Integer value, int min, int max) {
    if (value != null && (value < min || value > max)) {
      errors.add(new FieldError(field, "must be between " + min + " and " + max));
    }
  }
}
