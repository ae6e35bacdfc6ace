package dev.conveyor.activities.qa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.conveyor.workflow.model.QaVerdict;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JudgeVerdictsTests {

  @Test
  void should_read_a_well_formed_answer() {
    QaVerdict verdict =
        JudgeVerdicts.parse(
            "{\"passed\": false, \"score\": 0.4, \"issues\": [\"no call to action\"],"
                + " \"feedback\": \"End with a call to action.\"}");

    assertThat(verdict)
        .isEqualTo(
            new QaVerdict(
                false, 0.4, java.util.List.of("no call to action"), "End with a call to action."));
  }

  @Test
  void should_accept_an_answer_in_a_code_fence() {
    QaVerdict verdict =
        JudgeVerdicts.parse(
            "```json\n{\"passed\": true, \"score\": 1, \"issues\": [], \"feedback\": \"\"}\n```");

    assertThat(verdict.passed()).isTrue();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "Looks good to me!",
        "[true]",
        "{\"passed\": \"yes\", \"score\": 0.9, \"issues\": [], \"feedback\": \"\"}",
        "{\"passed\": true, \"score\": 9, \"issues\": [], \"feedback\": \"\"}",
        "{\"passed\": true, \"score\": 0.9, \"issues\": \"none\", \"feedback\": \"\"}",
        "{\"passed\": true, \"score\": 0.9, \"issues\": []}",
        "{\"passed\": true, \"score\": 0.9, \"issues\": [], \"feedback\": \"\"} trailing",
        "{\"passed\": true, \"passed\": false, \"score\": 0.9, \"issues\": [], \"feedback\": \"\"}"
      })
  void should_reject_anything_else(String answer) {
    assertThatThrownBy(() -> JudgeVerdicts.parse(answer))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
