package dev.conveyor.activities.code;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.conveyor.workflow.model.CodeLanguage;
import dev.conveyor.workflow.model.QaVerdict;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each language's parser on valid and broken code, with the parser's own messages. */
class CodeChecksTests {

  private static final String PRODUCT_SCHEMA =
      """
      {"type": "object",
       "properties": {"name": {"type": "string"}, "price": {"type": "number", "minimum": 0}},
       "required": ["name", "price"],
       "additionalProperties": false}""";

  private final CodeChecks checks = new CodeChecks();

  @Test
  void should_pass_well_formed_html_with_its_texts_and_images() {
    String html =
        """
        <section>
          <h2>Ship approved copy, faster</h2>
          <img src="hero.png" alt="A lighthouse">
        </section>""";

    QaVerdict verdict =
        checks.check(
            CodeLanguage.HTML,
            html,
            new CodeExpectations(
                null, List.of("Ship approved  copy, faster"), List.of("hero.png")));

    assertThat(verdict.passed()).as(verdict.issues().toString()).isTrue();
    assertThat(verdict.score()).isEqualTo(1.0);
  }

  @Test
  void should_report_jsoups_errors_with_their_line_and_column() {
    String html = "<section>\n  <h2>Title</h3>\n  <p>Text</p>\n</section>";

    QaVerdict verdict = checks.check(CodeLanguage.HTML, html, CodeExpectations.none());

    assertThat(verdict.passed()).isFalse();
    assertThat(verdict.issues())
        .first()
        .isEqualTo("line 2, column 17: Unexpected EndTag token [</h3>] when in state [InBody]");
    assertThat(verdict.feedback())
        .startsWith("Fix the html so that it parses and meets the checks: line 2, column 17:");
  }

  @Test
  void should_report_missing_texts_images_and_alt_text_in_html() {
    String html = "<section><h2>Another headline</h2><img src=\"other.png\"></section>";

    List<CodeProblem> problems =
        checks.problems(
            CodeLanguage.HTML,
            html,
            new CodeExpectations(null, List.of("Ship approved copy"), List.of("hero.png")));

    assertThat(problems)
        .extracting(CodeProblem::describe)
        .containsExactly(
            "line 1, column 35: <img src=\"other.png\"> has no alt text",
            "the page text does not contain \"Ship approved copy\"",
            "no <img> references \"hero.png\"");
  }

  @Test
  void should_refuse_plain_text_as_html() {
    assertThat(checks.check(CodeLanguage.HTML, "just some words", CodeExpectations.none()).issues())
        .containsExactly("no HTML elements: the code is plain text");
  }

  @Test
  void should_pass_strict_json_and_refuse_duplicate_keys_and_trailing_content() {
    assertThat(checks.problems(CodeLanguage.JSON, "{\"a\": [1, 2]}", CodeExpectations.none()))
        .isEmpty();

    assertThat(checks.problems(CodeLanguage.JSON, "{\"a\": 1, \"a\": 2}", CodeExpectations.none()))
        .containsExactly(new CodeProblem(1, 13, "Duplicate field 'a'"));
    assertThat(checks.problems(CodeLanguage.JSON, "{\"a\": 1} {\"b\": 2}", CodeExpectations.none()))
        .singleElement()
        .satisfies(
            problem -> {
              assertThat(problem.line()).isEqualTo(1);
              assertThat(problem.column()).isEqualTo(10);
              assertThat(problem.message()).startsWith("Trailing token");
            });
  }

  @Test
  void should_report_where_json_breaks() {
    List<CodeProblem> problems =
        checks.problems(CodeLanguage.JSON, "{\n  \"a\": 1,\n  \"b\": \n}", CodeExpectations.none());

    assertThat(problems).singleElement().extracting(CodeProblem::line).isEqualTo(4);
    assertThat(problems.get(0).message()).startsWith("Unexpected character ('}' (code 125))");
  }

  @Test
  void should_validate_json_against_a_schema_and_name_each_violation() {
    CodeExpectations withSchema = new CodeExpectations(PRODUCT_SCHEMA, List.of(), List.of());

    assertThat(
            checks.problems(CodeLanguage.JSON, "{\"name\": \"Lamp\", \"price\": 20}", withSchema))
        .isEmpty();
    assertThat(
            checks
                .check(CodeLanguage.JSON, "{\"price\": \"free\", \"colour\": \"red\"}", withSchema)
                .issues())
        .containsExactlyInAnyOrder(
            "schema: at /price: string found, number expected",
            "schema: at the root: required property 'name' not found",
            "schema: at the root: property 'colour' is not defined in the schema and the schema"
                + " does not allow additional properties");
  }

  @Test
  void should_refuse_a_json_schema_that_is_not_one() {
    assertThatThrownBy(
            () ->
                checks.check(
                    CodeLanguage.JSON,
                    "{}",
                    new CodeExpectations("{\"type\": 12}", List.of(), List.of())))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("the JSON Schema is not valid: at /type:");
  }

  @Test
  void should_parse_sql_statements_and_report_the_unexpected_token() {
    assertThat(
            checks.problems(
                CodeLanguage.SQL,
                "SELECT id, name FROM customers WHERE active = true;\nSELECT total FROM orders;",
                CodeExpectations.none()))
        .isEmpty();

    assertThat(
            checks.problems(
                CodeLanguage.SQL, "SELECT id name, FROM customers", CodeExpectations.none()))
        .singleElement()
        .satisfies(
            problem -> {
              assertThat(problem.line()).isEqualTo(1);
              assertThat(problem.column()).isEqualTo(15);
              assertThat(problem.message()).startsWith("Encountered unexpected token: \",\"");
            });
  }

  @Test
  void should_parse_java_and_report_javaparsers_problem_with_its_position() {
    assertThat(
            checks.problems(
                CodeLanguage.JAVA,
                "public record Customer(String name, long id) {}",
                CodeExpectations.none()))
        .isEmpty();

    List<CodeProblem> problems =
        checks.problems(
            CodeLanguage.JAVA,
            "public class A {\n  void f() {\n    int x = ;\n  }\n}",
            CodeExpectations.none());

    assertThat(problems).first().extracting(CodeProblem::line).isEqualTo(3);
    assertThat(problems.get(0).column()).isEqualTo(11);
    assertThat(problems.get(0).message()).startsWith("Parse error. Found \";\", expected one of");
  }

  @Test
  void should_refuse_java_that_declares_no_type() {
    assertThat(checks.problems(CodeLanguage.JAVA, "package shop;", CodeExpectations.none()))
        .extracting(CodeProblem::message)
        .containsExactly("no class, record, interface or enum is declared");
  }

  @Test
  void should_fail_empty_code_in_every_language() {
    for (CodeLanguage language : CodeLanguage.values()) {
      assertThat(checks.check(language, "  \n", CodeExpectations.none()).issues())
          .as(language.id())
          .containsExactly("the code is empty");
    }
  }
}
