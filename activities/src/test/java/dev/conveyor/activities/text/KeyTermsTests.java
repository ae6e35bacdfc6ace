package dev.conveyor.activities.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class KeyTermsTests {

  @Test
  void should_rank_significant_words_by_frequency_and_skip_instructions() {
    List<KeyTerms.Term> terms =
        KeyTerms.top(
            "Write a short post about pipelines. Pipelines need approval; a pipeline is durable.",
            3);

    assertThat(terms)
        .extracting(KeyTerms.Term::word)
        .containsExactly("pipelines", "post", "approval");
  }

  @Test
  void should_find_terms_that_criteria_quote_or_name_as_required() {
    List<String> required =
        KeyTerms.requiredBy(
            List.of(
                "Mention \"durable execution\" and `Temporal`",
                "Required terms: pricing, support",
                "Don't use jargon",
                "Use the word 'reliable'."));

    assertThat(required)
        .containsExactly("durable execution", "Temporal", "pricing", "support", "reliable");
  }

  @Test
  void should_match_words_by_stem_and_phrases_as_a_whole() {
    String text = "Our pipelines give you Durable   Execution.";

    assertThat(KeyTerms.mentions(text, "pipeline")).isTrue();
    assertThat(KeyTerms.mentions(text, "durable execution")).isTrue();
    assertThat(KeyTerms.mentions(text, "approval")).isFalse();
    assertThat(KeyTerms.mentions(text, "durable workflows")).isFalse();
  }
}
