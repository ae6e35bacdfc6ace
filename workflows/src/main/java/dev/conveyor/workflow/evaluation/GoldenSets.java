package dev.conveyor.workflow.evaluation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.conveyor.workflow.model.FieldError;
import dev.conveyor.workflow.model.JobRequest;
import dev.conveyor.workflow.model.JobRequestValidator;
import dev.conveyor.workflow.model.OutputKind;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * Reads a golden set: JSONL, one case a line, for example {@code {"requirements": "...", "kind":
 * "TEXT", "criteria": ["..."], "expected": "pass", "notes": "..."}}. Blank lines and lines starting
 * with {@code #} are skipped. Each case must make a valid job (the job's own validator checks it),
 * so an evaluation never starts a job that fails for its input. The REST API and the report
 * activity read sets with this one parser.
 */
public final class GoldenSets {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> FIELDS =
      Set.of("requirements", "kind", "criteria", "language", "expected", "notes");

  private GoldenSets() {}

  /**
   * Returns the cases of a golden set, in order.
   *
   * @throws GoldenSetException naming the first wrong line and field
   */
  public static List<GoldenCase> parse(String jsonl) {
    List<GoldenCase> cases = new ArrayList<>();
    String[] lines = jsonl.split("\\r?\\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      cases.add(parseLine(i + 1, line));
    }
    if (cases.isEmpty()) {
      throw new GoldenSetException(1, "goldenSet", "holds no case");
    }
    if (cases.size() > EvaluationRequest.MAX_CASES) {
      throw new GoldenSetException(
          lines.length, "goldenSet", "holds more than " + EvaluationRequest.MAX_CASES + " cases");
    }
    return List.copyOf(cases);
  }

  private static GoldenCase parseLine(int number, String line) {
    JsonNode node;
    try {
      node = JSON.readTree(line);
    } catch (JsonProcessingException e) {
      throw new GoldenSetException(number, "line", "is not JSON: " + e.getOriginalMessage());
    }
    if (node == null || !node.isObject()) {
      throw new GoldenSetException(number, "line", "is not a JSON object");
    }
    for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!FIELDS.contains(name)) {
        throw new GoldenSetException(number, name, "is not a field of a case: one of " + FIELDS);
      }
    }
    String kindName = text(number, node, "kind");
    OutputKind kind = null;
    if (kindName != null) {
      try {
        kind = OutputKind.valueOf(kindName.strip().toUpperCase(java.util.Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new GoldenSetException(number, "kind", "is '" + kindName + "': TEXT, IMAGE or CODE");
      }
    }
    String expectedName = text(number, node, "expected");
    ExpectedOutcome expected = ExpectedOutcome.of(expectedName);
    if (expectedName != null && expected == null) {
      throw new GoldenSetException(number, "expected", "is '" + expectedName + "': pass or fail");
    }
    GoldenCase golden =
        new GoldenCase(
            text(number, node, "requirements"),
            kind,
            criteria(number, node),
            text(number, node, "language"),
            expected,
            text(number, node, "notes"));
    JobRequest job = golden.jobOn(JobRequest.DEFAULT_PROFILE, "check", null);
    List<FieldError> errors = JobRequestValidator.validate(job);
    if (!errors.isEmpty()) {
      FieldError first = errors.get(0);
      throw new GoldenSetException(number, caseField(first.field()), first.message());
    }
    return golden;
  }

  /** Names a job's field as a golden set line names it. */
  private static String caseField(String jobField) {
    if (jobField.equals("outputKind")) {
      return "kind";
    }
    return jobField.startsWith("qaCriteria")
        ? jobField.replace("qaCriteria", "criteria")
        : jobField;
  }

  private static String text(int number, JsonNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isTextual()) {
      throw new GoldenSetException(number, field, "must be a string");
    }
    return value.asText();
  }

  private static List<String> criteria(int number, JsonNode node) {
    JsonNode value = node.get("criteria");
    if (value == null || value.isNull()) {
      return List.of();
    }
    if (!value.isArray()) {
      throw new GoldenSetException(number, "criteria", "must be a list of strings");
    }
    List<String> criteria = new ArrayList<>();
    for (JsonNode criterion : value) {
      if (!criterion.isTextual()) {
        throw new GoldenSetException(number, "criteria", "must be a list of strings");
      }
      criteria.add(criterion.asText());
    }
    return criteria;
  }
}
