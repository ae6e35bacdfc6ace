package dev.conveyor.activities.offline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conveyor.activities.brief.Briefs;
import dev.conveyor.activities.code.CodeChecks;
import dev.conveyor.activities.code.CodeExpectations;
import dev.conveyor.activities.code.CodeFences;
import dev.conveyor.workflow.model.CodeLanguage;
import dev.conveyor.workflow.model.QaVerdict;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The offline coder writes code that its language's checks pass, for simple briefs. */
class OfflineCodeWriterTests {

  private final OfflineCodeWriter writer = new OfflineCodeWriter(Duration.ZERO);
  private final CodeChecks checks = new CodeChecks();

  @ParameterizedTest
  @ValueSource(
      strings = {
        "Write the HTML of a landing section for Conveyor, a durable pipeline for generative work.",
        "Create a pricing teaser for <Acme & Sons> with a \"free trial\" call to action.",
        "Produce a hero section.",
      })
  void should_write_html_that_passes_the_html_checks(String requirements) {
    String code = write(requirements, CodeLanguage.HTML, CodeExpectations.none());

    assertPasses(CodeLanguage.HTML, code, CodeExpectations.none());
    assertThat(code).contains("<h2>");
  }

  @Test
  void should_write_html_that_carries_the_texts_and_images_it_must_use() {
    CodeExpectations uses =
        new CodeExpectations(
            null,
            List.of("Ship approved copy <faster>", "Durable by design & cheap to run."),
            List.of("hero.png", "parts/logo image.png"));

    String code =
        write(
            "Write the landing section that uses the headline and the hero.",
            CodeLanguage.HTML,
            uses);

    assertPasses(CodeLanguage.HTML, code, uses);
    assertThat(code).contains("<h2>Ship approved copy &lt;faster&gt;</h2>");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "Create a JSON document for a product with the fields name, price, tags and in_stock.",
        "Produce JSON with keys \"title\", \"author\" and \"year\".",
        "Write a JSON summary of the release notes.",
      })
  void should_write_json_that_passes_the_json_checks(String requirements) {
    String code = write(requirements, CodeLanguage.JSON, CodeExpectations.none());

    assertPasses(CodeLanguage.JSON, code, CodeExpectations.none());
  }

  @Test
  void should_write_json_with_the_fields_the_brief_names() {
    String code =
        write(
            "Create a JSON document for a product with the fields name, price, tags and in_stock.",
            CodeLanguage.JSON,
            CodeExpectations.none());

    assertThat(code).contains("\"name\"", "\"price\" : 9.99", "\"tags\"", "\"in_stock\"");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        """
        {"type": "object",
         "properties": {"name": {"type": "string", "minLength": 30},
                        "price": {"type": "number", "exclusiveMinimum": 0},
                        "email": {"type": "string", "format": "email"},
                        "size": {"enum": ["S", "M", "L"]}},
         "required": ["name", "price", "sku"], "additionalProperties": true}""",
        """
        {"type": "array", "minItems": 2,
         "items": {"type": "object",
                   "properties": {"id": {"type": "integer", "minimum": 10},
                                  "active": {"type": "boolean"},
                                  "labels": {"type": "array", "items": {"type": "string"}}},
                   "required": ["id", "active"], "additionalProperties": false}}""",
        """
        {"type": "string", "maxLength": 5}""",
      })
  void should_write_json_that_is_valid_against_a_simple_schema(String schema) {
    CodeExpectations withSchema = new CodeExpectations(schema, List.of(), List.of());

    String code = write("Create the catalogue data.", CodeLanguage.JSON, withSchema);

    assertPasses(CodeLanguage.JSON, code, withSchema);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "Write a SQL query that lists the columns id, email and created_at from the customers table.",
        "Select the columns order_id and total from the orders table joined with the customers"
            + " table.",
        "Write a query over the table products.",
        "Write a query for the monthly revenue report.",
      })
  void should_write_sql_that_passes_the_sql_checks(String requirements) {
    String code = write(requirements, CodeLanguage.SQL, CodeExpectations.none());

    assertPasses(CodeLanguage.SQL, code, CodeExpectations.none());
  }

  @Test
  void should_select_the_columns_from_the_table_the_brief_names() {
    String code =
        write(
            "Write a SQL query that lists the columns id, email and created_at from the customers"
                + " table.",
            CodeLanguage.SQL,
            CodeExpectations.none());

    assertThat(code).contains("SELECT id, email, created_at\nFROM customers");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "Write a Java record named Customer with the fields name, email and loyalty_points.",
        "Create a class called Invoice with the fields number, total, paid and line_items.",
        "Write a Java class for the shipping address of an order.",
        "Create the record Default with the components class and default.",
      })
  void should_write_java_that_passes_the_java_checks(String requirements) {
    String code = write(requirements, CodeLanguage.JAVA, CodeExpectations.none());

    assertPasses(CodeLanguage.JAVA, code, CodeExpectations.none());
  }

  @Test
  void should_name_the_java_type_and_fields_as_the_brief_does() {
    String record =
        write(
            "Write a Java record named Customer with the fields name, email and loyalty_points.",
            CodeLanguage.JAVA,
            CodeExpectations.none());
    String type =
        write(
            "Create a class called Invoice with the fields number, total and paid.",
            CodeLanguage.JAVA,
            CodeExpectations.none());

    assertThat(record).contains("public record Customer(String name, String email,");
    assertThat(type)
        .contains("public final class Invoice", "private final BigDecimal total;", "boolean paid");
  }

  @Test
  void should_write_the_same_code_for_the_same_brief_and_other_code_after_feedback() {
    String requirements = "Write a SQL query over the table products.";

    String first = write(requirements, CodeLanguage.SQL, CodeExpectations.none());
    String again = write(requirements, CodeLanguage.SQL, CodeExpectations.none());
    String revised =
        CodeFences.extract(
            writer
                .chat(
                    Briefs.codeRequest(
                        "Task",
                        requirements,
                        CodeLanguage.SQL,
                        CodeExpectations.none(),
                        "Order by name."))
                .aiMessage()
                .text(),
            CodeLanguage.SQL);

    assertThat(again).isEqualTo(first);
    assertThat(revised).isNotEqualTo(first);
    assertPasses(CodeLanguage.SQL, revised, CodeExpectations.none());
  }

  private String write(String requirements, CodeLanguage language, CodeExpectations expected) {
    String answer =
        writer
            .chat(
                Briefs.codeRequest(
                    "### Task\nWrite the code.", requirements, language, expected, null))
            .aiMessage()
            .text();
    assertThat(answer).startsWith("```" + language.id() + "\n").endsWith("\n```");
    return CodeFences.extract(answer, language);
  }

  private void assertPasses(CodeLanguage language, String code, CodeExpectations expected) {
    QaVerdict verdict = checks.check(language, code, expected);
    assertThat(verdict.passed()).as(code + "\n" + verdict.issues()).isTrue();
  }
}
