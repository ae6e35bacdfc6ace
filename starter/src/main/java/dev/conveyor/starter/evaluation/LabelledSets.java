package dev.conveyor.starter.evaluation;

import dev.conveyor.workflow.evaluation.GoldenCase;
import dev.conveyor.workflow.model.FieldError;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import tools.jackson.databind.json.JsonMapper;

/** Writes reviewed outputs as a golden set: JSONL that {@code POST /api/evaluations} takes back. */
public final class LabelledSets {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private LabelledSets() {}

  /** Returns the outputs as JSONL, one golden case a line, only the fields a case has. */
  public static String jsonl(List<ReviewedOutput> outputs) {
    return outputs.stream()
        .map(output -> JSON.writeValueAsString(fields(output.golden())))
        .collect(Collectors.joining("\n", "", outputs.isEmpty() ? "" : "\n"));
  }

  /**
   * Returns the instant a {@code since} parameter names: a date (midnight UTC) or an instant.
   *
   * @throws InvalidEvaluationException naming {@code since} when it is neither
   */
  public static Instant since(String value) {
    if (value == null || value.isBlank()) {
      throw new InvalidEvaluationException(List.of(new FieldError("since", "is required: a date")));
    }
    try {
      return value.contains("T")
          ? Instant.parse(value)
          : LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant();
    } catch (DateTimeParseException e) {
      throw new InvalidEvaluationException(
          List.of(
              new FieldError(
                  "since", "is '" + value + "': a date such as 2026-11-01, or an instant")));
    }
  }

  private static Map<String, Object> fields(GoldenCase golden) {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("requirements", golden.requirements());
    fields.put("kind", golden.kind());
    if (!golden.criteria().isEmpty()) {
      fields.put("criteria", golden.criteria());
    }
    if (golden.language() != null) {
      fields.put("language", golden.language());
    }
    fields.put("expected", golden.expected().label());
    fields.put("notes", golden.notes());
    return fields;
  }
}
