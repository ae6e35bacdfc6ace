package dev.conveyor.activities.code;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.conveyor.workflow.model.CodeLanguage;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks JSON strictly with Jackson: one document, no duplicate keys, nothing after it. When a JSON
 * Schema is given (draft 2020-12 unless its {@code $schema} names another), the document must also
 * be valid against it; each violation names the place in the document, for example {@code $.price}.
 */
public final class JsonChecker implements CodeChecker {

  /** The most schema violations reported. */
  static final int MAX_VIOLATIONS = 20;

  private static final ObjectMapper STRICT =
      JsonMapper.builder()
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .build();

  private final SchemaRegistry schemas =
      SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);

  /** The 2020-12 meta-schema, which the validator ships; nothing is fetched over a network. */
  private final Schema metaSchema =
      schemas.getSchema(SchemaLocation.of(SpecificationVersion.DRAFT_2020_12.getDialectId()));

  @Override
  public CodeLanguage language() {
    return CodeLanguage.JSON;
  }

  @Override
  public List<CodeProblem> check(String code, CodeExpectations expected) {
    Schema schema = expected.jsonSchema() == null ? null : schema(expected.jsonSchema());
    try {
      if (STRICT.readTree(code) == null) {
        return List.of(CodeProblem.of("no JSON document: the code is empty"));
      }
    } catch (JsonProcessingException e) {
      JsonLocation location = e.getLocation();
      String message = e.getOriginalMessage();
      return List.of(
          location == null
              ? CodeProblem.of(message)
              : new CodeProblem(location.getLineNr(), location.getColumnNr(), message));
    }
    if (schema == null) {
      return List.of();
    }
    List<CodeProblem> problems = new ArrayList<>();
    for (Error error : schema.validate(code, InputFormat.JSON)) {
      if (problems.size() == MAX_VIOLATIONS) {
        break;
      }
      String place = error.getInstanceLocation().toString();
      problems.add(
          CodeProblem.of(
              "schema: at " + (place.isEmpty() ? "the root" : place) + ": " + error.getMessage()));
    }
    return problems;
  }

  /**
   * Reads a JSON Schema.
   *
   * @throws IllegalArgumentException when it is not JSON or not a schema
   */
  private Schema schema(String text) {
    List<Error> errors;
    Schema schema;
    try {
      STRICT.readTree(text);
      errors = metaSchema.validate(text, InputFormat.JSON);
      schema = errors.isEmpty() ? schemas.getSchema(text, InputFormat.JSON) : null;
      if (schema != null) {
        schema.initializeValidators();
      }
    } catch (JsonProcessingException | RuntimeException e) {
      throw new IllegalArgumentException("the JSON Schema is not valid: " + e.getMessage(), e);
    }
    if (!errors.isEmpty()) {
      Error first = errors.get(0);
      throw new IllegalArgumentException(
          "the JSON Schema is not valid: at "
              + first.getInstanceLocation()
              + ": "
              + first.getMessage());
    }
    return schema;
  }
}
