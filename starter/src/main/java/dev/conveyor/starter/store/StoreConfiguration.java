package dev.conveyor.starter.store;

import dev.conveyor.store.JdbcJobQueries;
import dev.conveyor.store.JdbcRoutingProfiles;
import dev.conveyor.store.JobQueries;
import dev.conveyor.store.JobStoreSchema;
import dev.conveyor.store.RoutingProfiles;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.SQLException;
import java.time.Duration;
import javax.sql.DataSource;
import org.springframework.boot.jdbc.autoconfigure.DataSourceProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The job store's queries on the data source {@code spring.datasource.*} names (by default the
 * worker's embedded PostgreSQL on 127.0.0.1:5433). The schema is brought up to date at start-up,
 * which also checks that the store is reachable.
 */
@Configuration(proxyBeanMethods = false)
class StoreConfiguration {

  @Bean
  JobQueries jobQueries(DataSource dataSource, DataSourceProperties properties) {
    try {
      JobStoreSchema.migrate(dataSource);
    } catch (RuntimeException e) {
      throw new StoreUnreachableException(
          "conveyor-starter: the job store at "
              + properties.getUrl()
              + " is unreachable: "
              + rootMessage(e),
          e);
    }
    return new JdbcJobQueries(dataSource);
  }

  /** The routing profiles the workers recorded; the queries' bean has migrated the schema. */
  @Bean
  RoutingProfiles routingProfiles(DataSource dataSource, JobQueries migrated) {
    return new JdbcRoutingProfiles(dataSource);
  }

  @Bean
  AwaitingApprovalGauge awaitingApprovalGauge(JobQueries queries, MeterRegistry registry) {
    return AwaitingApprovalGauge.register(queries, registry, Duration.ofSeconds(5));
  }

  private static String rootMessage(Throwable failure) {
    Throwable cause = failure;
    while (cause.getCause() != null && !(cause instanceof SQLException)) {
      cause = cause.getCause();
    }
    return cause.getMessage();
  }
}
