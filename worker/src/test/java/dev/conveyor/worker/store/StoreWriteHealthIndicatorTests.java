package dev.conveyor.worker.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conveyor.activities.store.StoreWriteFailures;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ClassPathResource;

/** The worker's health says when a job's record in the job store is behind. */
class StoreWriteHealthIndicatorTests {

  @Test
  void should_be_up_until_a_write_fails_for_good_then_degraded_until_the_job_is_written() {
    StoreWriteFailures failures = new StoreWriteFailures(new SimpleMeterRegistry());
    StoreWriteHealthIndicator health = new StoreWriteHealthIndicator(failures);

    Health before = health.health();
    failures.failedForGood("job-1", 2, new IllegalStateException("connection refused"));
    Health degraded = health.health();
    failures.written("job-1");
    Health healed = health.health();

    assertThat(before.getStatus()).isEqualTo(Status.UP);
    assertThat(degraded.getStatus().getCode()).isEqualTo(StoreWriteHealthIndicator.DEGRADED);
    assertThat(degraded.getDetails())
        .containsEntry("jobsBehind", 1)
        .containsEntry("lastError", "connection refused");
    assertThat(healed.getStatus()).isEqualTo(Status.UP);
  }

  @Test
  void should_serve_loopback_and_answer_200_when_degraded() throws IOException {
    PropertySource<?> yml =
        new YamlPropertySourceLoader()
            .load("application", new ClassPathResource("application.yml"))
            .get(0);

    assertThat(yml.getProperty("server.address")).hasToString("127.0.0.1");
    assertThat(yml.getProperty("management.endpoint.health.status.http-mapping.DEGRADED"))
        .hasToString("200");
  }
}
