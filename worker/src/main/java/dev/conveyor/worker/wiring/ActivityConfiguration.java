package dev.conveyor.worker.wiring;

import dev.conveyor.activities.artifact.ArtifactActivitiesImpl;
import dev.conveyor.activities.artifact.ArtifactStore;
import dev.conveyor.activities.artifact.FileArtifactStore;
import dev.conveyor.activities.generation.GenerationActivitiesImpl;
import dev.conveyor.activities.model.ModelCatalog;
import dev.conveyor.activities.prompt.PromptActivitiesImpl;
import dev.conveyor.activities.qa.QaActivitiesImpl;
import dev.conveyor.activities.routing.RoutingActivitiesImpl;
import dev.conveyor.activities.support.CallRecorder;
import dev.conveyor.worker.config.WorkerProperties;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The activity beans the Temporal worker registers (by bean name, see {@code
 * spring.temporal.workers} in application.yml), built from the worker's settings.
 */
@Configuration(proxyBeanMethods = false)
class ActivityConfiguration {

  @Bean
  ArtifactStore artifactStore(WorkerProperties properties) {
    return new FileArtifactStore(properties.artifacts().dir());
  }

  @Bean
  ModelCatalog modelCatalog(WorkerProperties properties) {
    return ModelCatalogFactory.create(properties);
  }

  @Bean
  CallRecorder callRecorder(MeterRegistry registry, WorkerProperties properties) {
    return new CallRecorder(registry, properties.observability().logContent());
  }

  @Bean
  ArtifactActivitiesImpl artifactActivities(ArtifactStore store) {
    return new ArtifactActivitiesImpl(store);
  }

  @Bean
  RoutingActivitiesImpl routingActivities(ModelCatalog catalog, WorkerProperties properties) {
    return new RoutingActivitiesImpl(catalog, properties.budget());
  }

  @Bean
  PromptActivitiesImpl promptActivities(
      ArtifactStore store, ModelCatalog catalog, CallRecorder recorder) {
    return new PromptActivitiesImpl(store, catalog, recorder);
  }

  @Bean
  GenerationActivitiesImpl generationActivities(
      ArtifactStore store, ModelCatalog catalog, CallRecorder recorder) {
    return new GenerationActivitiesImpl(store, catalog, recorder);
  }

  @Bean
  QaActivitiesImpl qaActivities(
      ArtifactStore store,
      ModelCatalog catalog,
      WorkerProperties properties,
      CallRecorder recorder) {
    return new QaActivitiesImpl(store, catalog, properties.offline(), recorder);
  }
}
