package dev.conveyor.worker.wiring;

import dev.conveyor.activities.artifact.ArtifactStore;
import dev.conveyor.activities.catalog.ModelCatalog;
import dev.conveyor.activities.coding.CodeActivitiesImpl;
import dev.conveyor.activities.observability.CallRecorder;
import dev.conveyor.worker.config.WorkerProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The activities of CODE outputs (generation and code QA), which the Temporal worker registers by
 * bean name (see {@code spring.temporal.workers} in application.yml).
 */
@Configuration(proxyBeanMethods = false)
class CodeActivityConfiguration {

  @Bean
  CodeActivitiesImpl codeActivities(
      ArtifactStore store,
      ModelCatalog catalog,
      WorkerProperties properties,
      CallRecorder recorder) {
    return new CodeActivitiesImpl(store, catalog, properties.offline(), recorder);
  }
}
