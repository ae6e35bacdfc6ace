package dev.conveyor.workflow.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.conveyor.workflow.model.OutputKind;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GoldenSetsTests {

  @Test
  void should_read_every_case_skipping_blank_and_comment_lines() {
    String jsonl =
        """
        # two cases
        {"requirements": "A blurb.", "kind": "TEXT", "criteria": ["short"], "expected": "pass"}

        {"requirements": "A page.", "kind": "code", "language": "html", "notes": "fail on purpose", "expected": "FAIL"}
        """;

    List<GoldenCase> cases = GoldenSets.parse(jsonl);

    assertThat(cases).hasSize(2);
    assertThat(cases.get(0).criteria()).containsExactly("short");
    assertThat(cases.get(0).expected()).isEqualTo(ExpectedOutcome.PASS);
    assertThat(cases.get(1).kind()).isEqualTo(OutputKind.CODE);
    assertThat(cases.get(1).language()).isEqualTo("html");
    assertThat(cases.get(1).expected()).isEqualTo(ExpectedOutcome.FAIL);
    assertThat(cases.get(1).notes()).isEqualTo("fail on purpose");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "{\"requirements\": \"x\", \"kind\": \"VIDEO\"}|kind|line 2: kind is 'VIDEO'",
        "{\"kind\": \"TEXT\"}|requirements|line 2: requirements is required",
        "{\"requirements\": \"x\", \"kind\": \"TEXT\", \"expected\": \"ok\"}|expected|pass or fail",
        "{\"requirements\": \"x\", \"kind\": \"CODE\"}|language|line 2: language is required",
        "{\"requirements\": \"x\", \"kind\": \"TEXT\", \"criteria\": \"one\"}|criteria|list",
        "{\"requirements\": \"x\", \"kind\": \"TEXT\", \"owner\": \"me\"}|owner|not a field",
        "{\"requirements\": \"x\", |line|line 2: line is not JSON",
      })
  void should_refuse_a_bad_line_naming_the_line_and_the_field(
      String bad, String field, String message) {
    String jsonl = "{\"requirements\": \"fine\", \"kind\": \"TEXT\"}\n" + bad + "\n";

    assertThatThrownBy(() -> GoldenSets.parse(jsonl))
        .isInstanceOfSatisfying(
            GoldenSetException.class,
            e -> {
              assertThat(e.line()).isEqualTo(2);
              assertThat(e.field()).isEqualTo(field);
            })
        .hasMessageContaining(message);
  }

  @Test
  void should_refuse_a_set_without_cases() {
    assertThatThrownBy(() -> GoldenSets.parse("# nothing\n\n"))
        .hasMessage("line 1: goldenSet holds no case");
  }
}
