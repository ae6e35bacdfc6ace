package dev.conveyor.starter.jobs;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How reads of a job fall back to the job store, and how often lost jobs are looked for.
 *
 * @param statusTimeout how long a status query waits for a worker's answer (and any other read for
 *     Temporal's) before the job store answers instead, marked as such
 * @param reconcileEvery how often the starter looks for jobs Temporal has lost, after a first look
 *     at start-up; zero looks at start-up only
 */
@Validated
@ConfigurationProperties("conveyor.jobs")
public record JobReadProperties(
    @DefaultValue("1500ms") @NotNull Duration statusTimeout,
    @DefaultValue("5m") @NotNull Duration reconcileEvery) {

  public JobReadProperties {
    if (statusTimeout.isNegative() || statusTimeout.isZero()) {
      throw new IllegalArgumentException(
          "conveyor.jobs.status-timeout must be positive, was " + statusTimeout);
    }
    if (reconcileEvery.isNegative()) {
      throw new IllegalArgumentException(
          "conveyor.jobs.reconcile-every must not be negative, was " + reconcileEvery);
    }
  }
}
