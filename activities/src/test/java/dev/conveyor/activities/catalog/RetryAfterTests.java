package dev.conveyor.activities.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RetryAfterTests {

  static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");

  @Test
  void should_read_seconds_and_http_dates() {
    assertThat(RetryAfter.parse("7", NOW)).isEqualTo(Duration.ofSeconds(7));
    assertThat(RetryAfter.parse(" 0 ", NOW)).isEqualTo(Duration.ZERO);
    assertThat(RetryAfter.parse("Sun, 1 Jun 2025 12:00:45 GMT", NOW))
        .isEqualTo(Duration.ofSeconds(45));
    assertThat(RetryAfter.parse("Sun, 1 Jun 2025 11:00:00 GMT", NOW)).isEqualTo(Duration.ZERO);
  }

  @Test
  void should_ignore_what_is_neither() {
    assertThat(RetryAfter.parse("soon", NOW)).isNull();
    assertThat(RetryAfter.parse("-3", NOW)).isNull();
    assertThat(RetryAfter.parse("", NOW)).isNull();
  }

  @Test
  void should_record_only_throttled_responses_of_the_capturing_thread() {
    RetryAfter.record(429, Optional.of("5"), NOW);
    try (RetryAfter.Capture capture = RetryAfter.capture()) {
      RetryAfter.record(200, Optional.of("9"), NOW);
      assertThat(capture.delay()).isEmpty();
      RetryAfter.record(429, Optional.of("5"), NOW);
      assertThat(capture.delay()).contains(Duration.ofSeconds(5));
    }
  }
}
