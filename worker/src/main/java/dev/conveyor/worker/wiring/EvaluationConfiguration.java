package dev.conveyor.worker.wiring;

import dev.conveyor.activities.artifact.ArtifactStore;
import dev.conveyor.activities.evaluation.EvaluationActivitiesImpl;
import dev.conveyor.store.JdbcJobQueries;
import dev.conveyor.store.JobStoreWriter;
import javax.sql.DataSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The evaluation's activities, which the Temporal worker registers by bean name (see {@code
 * spring.temporal.workers} in application.yml): they read golden sets from the artifact store and
 * the child jobs' records from the job store.
 */
@Configuration(proxyBeanMethods = false)
class EvaluationConfiguration {

  /** The writer's bean has migrated the job store's schema. */
  @Bean
  EvaluationActivitiesImpl evaluationActivities(
      ArtifactStore store, DataSource dataSource, JobStoreWriter migrated) {
    return new EvaluationActivitiesImpl(store, new JdbcJobQueries(dataSource));
  }
}
