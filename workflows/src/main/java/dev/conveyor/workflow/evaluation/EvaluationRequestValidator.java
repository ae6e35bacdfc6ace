package dev.conveyor.workflow.evaluation;

import dev.conveyor.workflow.model.FieldError;
import dev.conveyor.workflow.model.JobRequestValidator;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The one check of an evaluation request's fields, applied by the workflow (which then ends FAILED
 * with the errors) and by the REST API before it starts anything. Each error names its field.
 */
public final class EvaluationRequestValidator {

  private EvaluationRequestValidator() {}

  /** Returns the errors of a request, empty when it is valid. */
  public static List<FieldError> validate(EvaluationRequest request) {
    List<FieldError> errors = new ArrayList<>();
    if (request.goldenSet() == null) {
      errors.add(new FieldError("goldenSet", "is required"));
    }
    if (request.cases() < 1 || request.cases() > EvaluationRequest.MAX_CASES) {
      errors.add(
          new FieldError("goldenSet", "must hold 1 to " + EvaluationRequest.MAX_CASES + " cases"));
    }
    List<String> profiles = request.profiles();
    if (profiles.isEmpty() || profiles.size() > EvaluationRequest.MAX_PROFILES) {
      errors.add(
          new FieldError(
              "profiles", "must name 1 to " + EvaluationRequest.MAX_PROFILES + " profiles"));
    }
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < profiles.size(); i++) {
      String profile = profiles.get(i);
      if (profile == null || !JobRequestValidator.PROFILE_NAME.matcher(profile).matches()) {
        errors.add(new FieldError("profiles[" + i + "]", "is not a profile name"));
      } else if (!seen.add(profile)) {
        errors.add(new FieldError("profiles[" + i + "]", "names " + profile + " twice"));
      }
    }
    Integer concurrency = request.concurrency();
    if (concurrency != null
        && (concurrency < 1 || concurrency > EvaluationRequest.MAX_CONCURRENCY)) {
      errors.add(
          new FieldError(
              "concurrency", "must be between 1 and " + EvaluationRequest.MAX_CONCURRENCY));
    }
    Double margin = request.marginPoints();
    if (margin != null && !(margin >= 0 && margin <= 100)) {
      errors.add(new FieldError("margin", "must be between 0 and 100 points"));
    }
    return errors;
  }
}
