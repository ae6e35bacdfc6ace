package dev.conveyor.worker.wiring;

import dev.conveyor.activities.artifact.ArtifactActivitiesImpl;
import dev.conveyor.activities.artifact.ArtifactStore;
import dev.conveyor.activities.artifact.FileArtifactStore;
import dev.conveyor.activities.artifact.S3ArtifactStore;
import dev.conveyor.activities.generation.GenerationActivitiesImpl;
import dev.conveyor.activities.model.ModelCatalog;
import dev.conveyor.activities.prompt.PromptActivitiesImpl;
import dev.conveyor.activities.qa.QaActivitiesImpl;
import dev.conveyor.activities.routing.RoutingActivitiesImpl;
import dev.conveyor.activities.support.CallRecorder;
import dev.conveyor.artifacts.ArtifactSettings;
import dev.conveyor.artifacts.S3ArtifactBucket;
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

  /** The artifact store of {@code conveyor.artifacts.store}: a folder, or an S3 bucket. */
  @Bean
  ArtifactStore artifactStore(WorkerProperties properties) {
    ArtifactSettings artifacts = properties.artifacts();
    return switch (artifacts.store()) {
      case FILESYSTEM -> new FileArtifactStore(artifacts.dir());
      case S3 -> new S3ArtifactStore(S3ArtifactBucket.connect(artifacts.s3(), System::getenv));
    };
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
