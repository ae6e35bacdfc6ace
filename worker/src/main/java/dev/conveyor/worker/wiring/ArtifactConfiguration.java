package dev.conveyor.worker.wiring;

import dev.conveyor.activities.artifact.ArtifactActivitiesImpl;
import dev.conveyor.activities.artifact.ArtifactStore;
import dev.conveyor.activities.artifact.FileArtifactStore;
import dev.conveyor.worker.config.WorkerProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The artifact store on disk and the activities that read and write it. */
@Configuration(proxyBeanMethods = false)
class ArtifactConfiguration {

  @Bean
  ArtifactStore artifactStore(WorkerProperties properties) {
    return new FileArtifactStore(properties.artifacts().dir());
  }

  @Bean
  ArtifactActivitiesImpl artifactActivities(ArtifactStore store) {
    return new ArtifactActivitiesImpl(store);
  }
}
