package dev.conveyor.activities.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LengthLimitsTests {

  @Test
  void should_use_the_defaults_when_no_length_is_stated() {
    assertThat(LengthLimits.from("Write about Temporal.", null))
        .isEqualTo(
            new LengthLimits(LengthLimits.DEFAULT_MIN_WORDS, LengthLimits.DEFAULT_MAX_WORDS));
  }

  @Test
  void should_read_minimum_maximum_and_ranges() {
    assertThat(LengthLimits.from("at least 80 words", "no more than 200 words"))
        .isEqualTo(new LengthLimits(80, 200));
    assertThat(LengthLimits.from("between 50 and 100 words")).isEqualTo(new LengthLimits(50, 100));
    assertThat(LengthLimits.from("120-150 words")).isEqualTo(new LengthLimits(120, 150));
    assertThat(LengthLimits.from("no fewer than 30 words")).isEqualTo(new LengthLimits(30, 5_000));
  }

  @Test
  void should_lower_the_default_minimum_below_a_small_maximum() {
    assertThat(LengthLimits.from("A tagline of at most 8 words."))
        .isEqualTo(new LengthLimits(4, 8));
  }
}
