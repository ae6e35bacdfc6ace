package dev.conveyor.starter.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conveyor.store.JobDetail;
import dev.conveyor.store.JobFilter;
import dev.conveyor.store.JobPage;
import dev.conveyor.store.JobQueries;
import dev.conveyor.workflow.model.Stage;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The awaiting-approval gauge reads the store at most once per time to live. */
class AwaitingApprovalGaugeTests {

  private final AtomicInteger reads = new AtomicInteger();
  private final AtomicLong awaiting = new AtomicLong(3);
  private volatile boolean down;

  private final JobQueries queries =
      new JobQueries() {
        @Override
        public JobPage list(JobFilter filter, int page, int size) {
          throw new UnsupportedOperationException("the gauge counts only");
        }

        @Override
        public long count(JobFilter filter) {
          reads.incrementAndGet();
          if (down) {
            throw new IllegalStateException("store down");
          }
          assertThat(filter.stage()).isEqualTo(Stage.AWAITING_APPROVAL);
          return awaiting.get();
        }

        @Override
        public Optional<JobDetail> find(String jobId) {
          return Optional.empty();
        }
      };

  @Test
  void should_count_once_per_time_to_live_and_export_the_prometheus_name() {
    // given
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    AwaitingApprovalGauge gauge =
        AwaitingApprovalGauge.register(queries, registry, Duration.ofHours(1));

    // when
    double first = registry.get(AwaitingApprovalGauge.NAME).gauge().value();
    awaiting.set(7);
    double cached = gauge.value();

    // then
    assertThat(first).isEqualTo(3.0);
    assertThat(cached).isEqualTo(3.0);
    assertThat(reads).hasValue(1);
  }

  @Test
  void should_read_again_after_the_time_to_live_and_show_nan_while_the_store_is_down() {
    // given
    AwaitingApprovalGauge gauge =
        AwaitingApprovalGauge.register(queries, new SimpleMeterRegistry(), Duration.ZERO);

    // when
    double before = gauge.value();
    down = true;
    double failed = gauge.value();
    down = false;
    awaiting.set(5);
    double after = gauge.value();

    // then
    assertThat(List.of(before, after)).containsExactly(3.0, 5.0);
    assertThat(failed).isNaN();
    assertThat(reads).hasValue(3);
  }
}
