package dev.conveyor.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conveyor.bench.ResultTable.Figure;
import dev.conveyor.bench.ResultTable.Row;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TargetsTests {

  private static final String LOAD = "1.00 1.00 1.00";

  @Test
  void should_compare_the_most_jobs_in_flight_with_32_when_part_6_ran() {
    Map<String, Figure> figures = new HashMap<>();
    figures.put(Targets.WORKER_CPU + 1, new Figure(900, LOAD));
    figures.put(Targets.WORKER_CPU + 32, new Figure(20, LOAD));
    figures.put(Targets.WORKER_CPU + 256, new Figure(24, LOAD));
    figures.put(Targets.WORKER_CPU + 1000, new Figure(29, LOAD));

    Row row = Targets.cpuGrowth(figures);

    assertThat(row.measurement()).contains("1000 in flight / 32 in flight");
    assertThat(row.result()).isEqualTo("29.0 ms / 20.0 ms = 1.45x");
    assertThat(row.target()).isEqualTo("<= 1.5x");
    assertThat(row.verdict()).isEqualTo("yes");
  }

  @Test
  void should_miss_the_cpu_target_when_cpu_per_job_grows_more_than_half() {
    Map<String, Figure> figures =
        Map.of(
            Targets.WORKER_CPU + 32, new Figure(20, LOAD),
            Targets.WORKER_CPU + 1000, new Figure(31, LOAD));

    assertThat(Targets.cpuGrowth(figures).verdict()).isEqualTo("NO");
  }

  @Test
  void should_divide_the_wall_time_of_the_largest_level_by_the_ideal() {
    Map<String, Figure> figures =
        Map.of(
            Targets.IDEAL,
            new Figure(3.0, LOAD),
            Targets.WALL + 32,
            new Figure(3.5, LOAD),
            Targets.WALL + 1000,
            new Figure(9.3, "7.00 6.00 5.00"));

    Row row = Targets.wallOverIdeal(figures);

    assertThat(row.measurement()).startsWith("1000 jobs at once with 1000 ms model calls");
    assertThat(row.result()).isEqualTo("9.30 s / 3.00 s = 3.10x");
    assertThat(row.verdict()).isEqualTo("NO");
    assertThat(row.load()).isEqualTo("7.00 6.00 5.00");
  }

  @Test
  void should_meet_the_overhead_target_at_exactly_ten_milliseconds() {
    Row row = Targets.overhead(Map.of(Targets.OVERHEAD, new Figure(10.0, LOAD)));

    assertThat(row.result()).isEqualTo("10.00 ms");
    assertThat(row.verdict()).isEqualTo("yes");
  }

  @Test
  void should_name_the_part_to_run_when_a_target_was_not_measured() {
    ResultTable summary = Targets.summary(Map.of(Targets.WORKER_CPU + 32, new Figure(20, LOAD)));

    assertThat(summary.rows()).extracting(Row::verdict).containsExactly("-", "-", "-");
    assertThat(summary.rows().get(0).result()).contains("--only=6");
    assertThat(summary.rows().get(2).result()).contains("--only=1");
  }

  @Test
  void should_treat_a_zero_reference_as_an_infinite_ratio() {
    assertThat(Targets.ratio(5, 0)).isInfinite();
    assertThat(Targets.ratio(6, 4)).isEqualTo(1.5);
  }
}
