package dev.conveyor.worker.wiring;

import dev.conveyor.activities.artifact.ArtifactActivitiesImpl;
import dev.conveyor.activities.artifact.ArtifactStore;
import dev.conveyor.activities.artifact.FileArtifactStore;
import dev.conveyor.activities.artifact.S3ArtifactStore;
import dev.conveyor.artifacts.ArtifactSettings;
import dev.conveyor.artifacts.S3ArtifactBucket;
import dev.conveyor.worker.config.WorkerProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The artifact store of {@code conveyor.artifacts.store} (a folder, or an S3 bucket) and the
 * activities that read and write it.
 */
@Configuration(proxyBeanMethods = false)
class ArtifactConfiguration {

  @Bean
  ArtifactStore artifactStore(WorkerProperties properties) {
    ArtifactSettings artifacts = properties.artifacts();
    return switch (artifacts.store()) {
      case FILESYSTEM -> new FileArtifactStore(artifacts.dir());
      case S3 -> new S3ArtifactStore(S3ArtifactBucket.connect(artifacts.s3(), System::getenv));
    };
  }

  @Bean
  ArtifactActivitiesImpl artifactActivities(ArtifactStore store) {
    return new ArtifactActivitiesImpl(store);
  }
}
