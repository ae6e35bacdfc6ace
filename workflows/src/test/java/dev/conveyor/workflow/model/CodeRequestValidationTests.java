package dev.conveyor.workflow.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The language and JSON Schema of a request, as {@link JobRequestValidator} checks them. */
class CodeRequestValidationTests {

  private static JobRequest code(String language, String schema) {
    return JobRequest.builder("A landing section.", OutputKind.CODE)
        .language(language)
        .jsonSchema(schema)
        .build();
  }

  private static List<String> fields(JobRequest request) {
    return JobRequestValidator.validate(request).stream().map(FieldError::field).toList();
  }

  @ParameterizedTest
  @ValueSource(strings = {"html", "JSON", "sql", " java "})
  void should_accept_a_code_request_in_a_known_language(String language) {
    assertThat(JobRequestValidator.validate(code(language, null))).isEmpty();
  }

  @Test
  void should_require_a_language_for_code_and_list_the_known_ones() {
    List<FieldError> errors = JobRequestValidator.validate(code(null, null));

    assertThat(errors).extracting(FieldError::field).containsExactly("language");
    assertThat(errors.get(0).message()).contains("html", "json", "sql", "java");
  }

  @Test
  void should_refuse_an_unknown_language_naming_it_and_the_known_ones() {
    List<FieldError> errors = JobRequestValidator.validate(code("cobol", null));

    assertThat(errors).extracting(FieldError::field).containsExactly("language");
    assertThat(errors.get(0).message())
        .contains("\"cobol\"")
        .contains(CodeLanguage.ids().toString());
  }

  @ParameterizedTest
  @EnumSource(
      value = OutputKind.class,
      names = {"TEXT", "IMAGE"})
  void should_refuse_a_language_or_schema_on_other_kinds(OutputKind kind) {
    JobRequest request =
        JobRequest.builder("A blurb.", kind).language("html").jsonSchema("{}").build();

    assertThat(fields(request)).containsExactly("language", "jsonSchema");
  }

  @Test
  void should_accept_a_json_schema_with_json() {
    assertThat(fields(code("json", "{\"type\": \"object\"}"))).isEmpty();
  }

  @Test
  void should_refuse_a_json_schema_with_another_language() {
    assertThat(fields(code("sql", "{\"type\": \"object\"}"))).containsExactly("jsonSchema");
  }

  @Test
  void should_refuse_a_blank_or_oversized_json_schema() {
    String big = "{\"description\": \"" + "x".repeat(JobRequest.MAX_JSON_SCHEMA) + "\"}";

    assertThat(fields(code("json", "  "))).containsExactly("jsonSchema");
    assertThat(JobRequestValidator.validate(code("json", big)).get(0).message())
        .contains("at most " + JobRequest.MAX_JSON_SCHEMA);
  }

  @Test
  void should_keep_a_text_request_built_the_old_way_valid_without_code_fields() {
    JobRequest old =
        new JobRequest(
            "A blurb.",
            OutputKind.TEXT,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null);

    assertThat(old.language()).isNull();
    assertThat(old.jsonSchema()).isNull();
    assertThat(JobRequestValidator.validate(old)).isEmpty();
  }
}
