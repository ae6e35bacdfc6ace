package dev.conveyor.worker.wiring;

import dev.conveyor.activities.artifact.ArtifactStore;
import dev.conveyor.activities.catalog.ModelCatalog;
import dev.conveyor.activities.generation.GenerationActivitiesImpl;
import dev.conveyor.activities.observability.CallRecorder;
import dev.conveyor.activities.prompt.PromptActivitiesImpl;
import dev.conveyor.activities.qa.QaActivitiesImpl;
import dev.conveyor.activities.routing.RoutingActivitiesImpl;
import dev.conveyor.worker.config.WorkerProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The activities of the pipeline's model-backed stages (routing, prompt, generation, QA), which the
 * Temporal worker registers by bean name (see {@code spring.temporal.workers} in application.yml).
 */
@Configuration(proxyBeanMethods = false)
class PipelineActivityConfiguration {

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
