package dev.conveyor.worker.store;

import dev.conveyor.activities.catalog.ModelCatalog;
import dev.conveyor.activities.reminder.ReminderActivitiesImpl;
import dev.conveyor.activities.store.JobStoreActivitiesImpl;
import dev.conveyor.activities.store.StoreWriteFailures;
import dev.conveyor.store.JdbcJobStoreWriter;
import dev.conveyor.store.JdbcRoutingProfiles;
import dev.conveyor.store.JobStoreSchema;
import dev.conveyor.store.JobStoreWriter;
import dev.conveyor.store.RoutingProfiles;
import dev.conveyor.worker.StartupFailure;
import dev.conveyor.worker.config.ApprovalProperties;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import javax.sql.DataSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The job store's writer, its schema migrated at start-up, and the activities the workflow calls
 * for the projection and the approval reminder (registered by bean name, see {@code
 * spring.temporal.workers} in application.yml).
 */
@Configuration(proxyBeanMethods = false)
class JobStoreConfiguration {

  @Bean
  JobStoreWriter jobStoreWriter(DataSource dataSource) {
    try {
      JobStoreSchema.migrate(dataSource);
    } catch (RuntimeException e) {
      throw StartupFailure.configuration(
          "the job store is unreachable or cannot be migrated (spring.datasource.url, or"
              + " conveyor.store.embedded.*): "
              + rootMessage(e),
          e);
    }
    return new JdbcJobStoreWriter(dataSource);
  }

  /**
   * The routing profiles this worker serves, recorded in the store at start-up (replacing what an
   * earlier worker recorded), for the starter to check a job's {@code profile} against.
   */
  @Bean
  RoutingProfiles routingProfiles(
      DataSource dataSource, JobStoreWriter migrated, ModelCatalog catalog) {
    RoutingProfiles profiles = new JdbcRoutingProfiles(dataSource);
    Map<String, Map<String, String>> models = new TreeMap<>();
    for (String name : catalog.profileNames()) {
      Map<String, String> steps = new TreeMap<>();
      catalog.profile(name).describeAll().forEach((step, model) -> steps.put(step.name(), model));
      models.put(name, steps);
    }
    profiles.record(models, Instant.now());
    return profiles;
  }

  @Bean
  StoreWriteFailures storeWriteFailures(MeterRegistry meterRegistry) {
    return new StoreWriteFailures(meterRegistry);
  }

  @Bean
  JobStoreActivitiesImpl jobStoreActivities(JobStoreWriter writer, StoreWriteFailures failures) {
    return new JobStoreActivitiesImpl(writer, failures);
  }

  /**
   * The {@code jobStore} component of the worker's health: DEGRADED while a job's record is behind.
   */
  @Bean
  StoreWriteHealthIndicator jobStoreHealthIndicator(StoreWriteFailures failures) {
    return new StoreWriteHealthIndicator(failures);
  }

  @Bean
  ReminderActivitiesImpl reminderActivities(
      ApprovalProperties approval, MeterRegistry meterRegistry) {
    try {
      return new ReminderActivitiesImpl(approval.toSettings(), meterRegistry);
    } catch (IllegalArgumentException e) {
      throw StartupFailure.configuration(e.getMessage(), e);
    }
  }

  private static String rootMessage(Throwable failure) {
    Throwable cause = failure;
    while (cause.getCause() != null && !(cause instanceof SQLException)) {
      cause = cause.getCause();
    }
    return cause.getMessage();
  }
}
