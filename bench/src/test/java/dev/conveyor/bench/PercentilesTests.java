package dev.conveyor.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class PercentilesTests {

  @Test
  void should_use_nearest_rank_when_samples_are_one_to_a_hundred_millis() {
    long[] samples = LongStream.rangeClosed(1, 100).map(TimeUnit.MILLISECONDS::toNanos).toArray();

    Percentiles latency = Percentiles.of(samples);

    assertThat(latency.millis(50)).isEqualTo(50.0);
    assertThat(latency.millis(99)).isEqualTo(99.0);
    assertThat(latency.millis(100)).isEqualTo(100.0);
    assertThat(latency.maxMillis()).isEqualTo(100.0);
    assertThat(latency.count()).isEqualTo(100);
  }

  @Test
  void should_answer_the_only_sample_when_there_is_one() {
    Percentiles latency = Percentiles.of(new long[] {TimeUnit.MILLISECONDS.toNanos(7)});

    assertThat(latency.millis(1)).isEqualTo(7.0);
    assertThat(latency.millis(99)).isEqualTo(7.0);
  }

  @Test
  void should_refuse_no_samples_and_percentiles_out_of_range() {
    assertThatThrownBy(() -> Percentiles.of(new long[0]))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Percentiles.of(new long[] {1}).millis(0))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
