package dev.conveyor.activities.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.conveyor.workflow.evaluation.ExpectedOutcome;
import dev.conveyor.workflow.model.Stage;
import dev.conveyor.workflow.model.Step;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The report's arithmetic on known data, worked out by hand in the comments. */
class EvaluationReportsTests {

  private static final ExpectedOutcome PASS = ExpectedOutcome.PASS;
  private static final ExpectedOutcome FAIL = ExpectedOutcome.FAIL;

  private static final List<CaseResult> RESULTS =
      List.of(
          result(1, "default", PASS, List.of(0.9), List.of(true), "0.010", List.of(100L), 0),
          result(
              2,
              "default",
              FAIL,
              List.of(0.4, 0.85),
              List.of(false, true),
              "0.020",
              List.of(200L, 300L),
              0),
          result(3, "default", FAIL, List.of(0.95), List.of(true), "0.010", List.of(400L), 0),
          result(4, "default", null, List.of(0.8), List.of(true), "0.010", List.of(1000L), 1),
          result(1, "economy", PASS, List.of(0.85), List.of(true), "0.002", List.of(10L), 0),
          result(
              2,
              "economy",
              FAIL,
              List.of(0.3, 0.5),
              List.of(false, false),
              "0.002",
              List.of(10L, 10L),
              0),
          result(
              3,
              "economy",
              FAIL,
              List.of(0.2, 0.9),
              List.of(false, true),
              "0.002",
              List.of(20L, 20L),
              0),
          result(4, "economy", null, List.of(0.81), List.of(true), "0.002", List.of(30L), 0));

  @Test
  void should_compute_each_profiles_figures() {
    // when
    EvaluationReport report =
        EvaluationReports.compute("eval-1", 5, List.of("default", "economy"), RESULTS);

    // then, default: QA passed cases 1, 3 and 4 at once and case 2 at its second attempt
    ProfileSummary standard = report.profiles().get(0);
    assertThat(standard.cases()).isEqualTo(4);
    assertThat(standard.firstAttemptPassRate()).isEqualTo(75.0);
    assertThat(standard.passRate()).isEqualTo(100.0);
    // (0.9 + 0.4 + 0.95 + 0.8) / 4
    assertThat(standard.meanScore()).isCloseTo(0.7625, within(1e-9));
    assertThat(standard.scoreHistogram()).containsExactly(0, 0, 0, 0, 1, 0, 0, 0, 1, 2);
    assertThat(standard.meanAttempts()).isEqualTo(1.25);
    assertThat(standard.totalCostUsd()).isEqualByComparingTo("0.05");
    assertThat(standard.costPerCaseUsd()).isEqualByComparingTo("0.0125");
    // nearest rank of 100, 200, 300, 400, 1000: the 3rd and the 5th
    assertThat(standard.latencyMs().get(Step.TEXT_GENERATION))
        .isEqualTo(new ProfileSummary.Percentiles(300, 1000, 5));
    assertThat(standard.fallbacks()).isEqualTo(1);
    assertThat(standard.labelled()).isEqualTo(3);
    // QA failed only case 2 at first, labelled fail; it missed case 3, also labelled fail
    assertThat(standard.qaPrecision()).isEqualTo(100.0);
    assertThat(standard.qaRecall()).isEqualTo(50.0);

    // and economy: QA passed cases 1 and 4 at once, case 3 at its second attempt, never case 2
    ProfileSummary economy = report.profiles().get(1);
    assertThat(economy.firstAttemptPassRate()).isEqualTo(50.0);
    assertThat(economy.passRate()).isEqualTo(75.0);
    assertThat(economy.meanAttempts()).isEqualTo(1.5);
    assertThat(economy.costPerCaseUsd()).isEqualByComparingTo("0.002");
    assertThat(economy.qaPrecision()).isEqualTo(100.0);
    assertThat(economy.qaRecall()).isEqualTo(100.0);
  }

  @Test
  void should_name_the_best_profile_when_the_cheaper_one_is_outside_the_margin() {
    EvaluationReport report =
        EvaluationReports.compute("eval-1", 5, List.of("default", "economy"), RESULTS);

    assertThat(report.verdictProfile()).isEqualTo("default");
    assertThat(report.verdict())
        .startsWith("default: the cheapest profile")
        .contains("within 5.0 points of the best first-attempt pass rate (75.0%)");
  }

  @Test
  void should_name_the_cheaper_profile_when_it_is_within_the_margin() {
    // 50% is within 30 points of 75%, and economy costs a sixth of default per case
    EvaluationReport report =
        EvaluationReports.compute("eval-1", 30, List.of("default", "economy"), RESULTS);

    assertThat(report.verdictProfile()).isEqualTo("economy");
  }

  @Test
  void should_render_markdown_and_a_self_contained_html_page_with_plots() {
    EvaluationReport report =
        EvaluationReports.compute("eval-1", 5, List.of("default", "economy"), RESULTS);

    String markdown = ReportMarkdown.render(report);
    String html = ReportHtml.render(report);

    assertThat(markdown)
        .contains("**Verdict:** default: the cheapest profile")
        .contains(
            "| default | 4 | 75.0% | 100.0% | 0.76 | 1.25 | 0.0125 | 0.05 | 1 | 100.0% | 50.0% |")
        .contains("| 2 | economy | job-2-economy | APPROVED | fail | 2 | 0.30 0.50 | 0.002 |");
    assertThat(html)
        .contains("<p class=\"verdict\" id=\"verdict\">default: the cheapest profile")
        .contains("<svg", "<circle", "<rect")
        .doesNotContain("<script", "src=", "href=");
  }

  @Test
  void should_take_nearest_rank_percentiles_and_bin_a_perfect_score_in_the_last_tenth() {
    assertThat(EvaluationReports.percentile(List.of(5L), 95)).isEqualTo(5);
    assertThat(EvaluationReports.percentile(List.of(4L, 1L, 3L, 2L), 50)).isEqualTo(2);
    assertThat(EvaluationReports.bin(1.0)).isEqualTo(9);
    assertThat(EvaluationReports.bin(0.0)).isZero();
  }

  private static CaseResult result(
      int number,
      String profile,
      ExpectedOutcome expected,
      List<Double> scores,
      List<Boolean> passed,
      String cost,
      List<Long> generationLatencies,
      int fallbacks) {
    return new CaseResult(
        number,
        profile,
        "job-" + number + "-" + profile,
        Stage.APPROVED,
        expected,
        null,
        scores,
        passed,
        new BigDecimal(cost),
        Map.of(Step.TEXT_GENERATION, generationLatencies),
        fallbacks);
  }
}
