package dev.conveyor.worker.wiring;

import dev.conveyor.activities.artifact.ArtifactStore;
import dev.conveyor.activities.bundle.BundleActivitiesImpl;
import dev.conveyor.activities.catalog.ModelCatalog;
import dev.conveyor.activities.observability.CallRecorder;
import dev.conveyor.worker.config.WorkerProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The cross-part check of bundles, which the Temporal worker registers by bean name (see {@code
 * spring.temporal.workers} in application.yml) beside the {@code ConveyorBundle} workflow.
 */
@Configuration(proxyBeanMethods = false)
class BundleActivityConfiguration {

  @Bean
  BundleActivitiesImpl bundleActivities(
      ArtifactStore store,
      ModelCatalog catalog,
      WorkerProperties properties,
      CallRecorder recorder) {
    return new BundleActivitiesImpl(store, catalog, properties.offline(), recorder);
  }
}
