package dev.conveyor.starter.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conveyor.workflow.evaluation.ExpectedOutcome;
import dev.conveyor.workflow.evaluation.GoldenCase;
import dev.conveyor.workflow.model.OutputKind;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class CalibrationTests {

  @Test
  void should_count_what_a_human_would_see_and_catch_at_each_threshold() {
    // given four reviewed outputs: approved at 0.95 and 0.75, rejected at 0.55 and 0.85
    List<ReviewedOutput> outputs =
        List.of(output(0.95, true), output(0.75, true), output(0.55, false), output(0.85, false));

    // when
    Calibration calibration = Calibration.of(outputs);

    // then
    assertThat(calibration.reviewed()).isEqualTo(4);
    assertThat(calibration.rejected()).isEqualTo(2);
    assertThat(calibration.thresholds()).hasSize(11);
    // 0.6: only the rejected 0.55 scores under it: a human sees 1 of 4, and 1 of 2 rejections
    assertThat(calibration.thresholds().get(6))
        .isEqualTo(new Calibration.Row(0.6, 1, 1, 25.0, 50.0));
    // 0.9: 0.55, 0.75 and 0.85 score under it: 3 of 4 seen, both rejections caught
    assertThat(calibration.thresholds().get(9))
        .isEqualTo(new Calibration.Row(0.9, 3, 2, 75.0, 100.0));
    assertThat(calibration.thresholds().get(0)).isEqualTo(new Calibration.Row(0.0, 0, 0, 0, 0));
  }

  @Test
  void should_count_an_output_qa_never_scored_as_seen() {
    Calibration calibration = Calibration.of(List.of(output(null, false)));

    assertThat(calibration.thresholds().get(0).seen()).isEqualTo(1);
    assertThat(calibration.thresholds().get(0).caught()).isEqualTo(1);
  }

  private static ReviewedOutput output(Double score, boolean approved) {
    GoldenCase golden =
        new GoldenCase(
            "A blurb.",
            OutputKind.TEXT,
            List.of(),
            null,
            approved ? ExpectedOutcome.PASS : ExpectedOutcome.FAIL,
            null);
    return new ReviewedOutput("job-1", 0, golden, score, approved, Instant.EPOCH);
  }
}
