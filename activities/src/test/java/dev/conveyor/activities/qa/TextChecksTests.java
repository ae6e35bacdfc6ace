package dev.conveyor.activities.qa;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conveyor.workflow.model.QaVerdict;
import java.util.List;
import org.junit.jupiter.api.Test;

class TextChecksTests {

  static final String REQUIREMENTS =
      "Write a product announcement for Conveyor, a durable pipeline that turns business"
          + " requirements into approved text and images. The audience is engineering managers"
          + " who care about reliability and cost.";

  static final String GOOD_OUTPUT =
      """
      Meet Conveyor, the durable pipeline for generative work. This product announcement is for \
      engineering managers: Conveyor turns business requirements into approved text and images, \
      with automated checks, bounded retries and a human approval step. Because every step runs \
      on Temporal, a crashed worker never loses a job, which is what reliability means to your \
      audience. Each model call is priced, so cost stays visible from the first prompt to the \
      final approval.""";

  private final TextChecks checks = new TextChecks();

  @Test
  void should_pass_a_relevant_text_with_every_required_term() {
    QaVerdict verdict =
        checks.check(REQUIREMENTS, List.of("Mention \"Temporal\" by name"), GOOD_OUTPUT);

    assertThat(verdict.passed()).as(verdict.issues().toString()).isTrue();
    assertThat(verdict.score()).isGreaterThan(0.8);
    assertThat(verdict.issues()).isEmpty();
  }

  @Test
  void should_fail_when_a_term_that_a_criterion_quotes_is_missing() {
    QaVerdict verdict =
        checks.check(REQUIREMENTS, List.of("Mention \"Kubernetes\" by name"), GOOD_OUTPUT);

    assertThat(verdict.passed()).isFalse();
    assertThat(verdict.issues()).singleElement().asString().contains("\"Kubernetes\"");
    assertThat(verdict.feedback()).contains("Mention \"Kubernetes\" explicitly.");
  }

  @Test
  void should_fail_when_a_key_term_of_the_requirements_is_missing() {
    String withoutConveyor = GOOD_OUTPUT.replace("Conveyor", "our tool");

    QaVerdict verdict = checks.check(REQUIREMENTS, List.of(), withoutConveyor);

    assertThat(verdict.passed()).isFalse();
    assertThat(verdict.feedback()).contains("\"Conveyor\"");
  }

  @Test
  void should_fail_a_text_shorter_than_the_criteria_allow() {
    QaVerdict verdict = checks.check(REQUIREMENTS, List.of("At least 150 words"), GOOD_OUTPUT);

    assertThat(verdict.passed()).isFalse();
    assertThat(verdict.issues()).anySatisfy(issue -> assertThat(issue).startsWith("too short"));
    assertThat(verdict.feedback()).contains("at least 150 words");
  }

  @Test
  void should_fail_a_text_longer_than_the_requirements_allow() {
    QaVerdict verdict =
        checks.check(REQUIREMENTS + " Use at most 40 words.", List.of(), GOOD_OUTPUT);

    assertThat(verdict.passed()).isFalse();
    assertThat(verdict.feedback()).contains("Shorten the text to at most 40 words.");
  }

  @Test
  void should_fail_an_empty_or_tiny_text() {
    assertThat(checks.check(REQUIREMENTS, List.of(), "  ").passed()).isFalse();
    assertThat(checks.check(REQUIREMENTS, List.of(), "Conveyor rocks.").issues())
        .anySatisfy(issue -> assertThat(issue).startsWith("too short"));
  }

  @Test
  void should_fail_an_irrelevant_text_and_name_the_terms_to_use() {
    String baking =
        """
        Knead the dough for ten minutes, then let it rest in a warm place until it doubles. \
        Shape the loaf, score the top and bake it at a high temperature until the crust is deep \
        brown and the bottom sounds hollow when tapped. Let it cool before slicing.""";

    QaVerdict verdict = checks.check(REQUIREMENTS, List.of(), baking);

    assertThat(verdict.passed()).isFalse();
    assertThat(verdict.issues()).anySatisfy(issue -> assertThat(issue).startsWith("off topic"));
    assertThat(verdict.feedback()).contains("\"product\"");
    assertThat(verdict.score()).isLessThan(0.3);
  }
}
