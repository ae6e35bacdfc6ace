package dev.conveyor.starter.config;

import dev.conveyor.artifacts.ArtifactSettings;
import dev.conveyor.artifacts.ArtifactStoreKind;
import dev.conveyor.artifacts.S3Settings;
import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where the workers store artifacts, which the starter only reads: the same {@code
 * conveyor.artifacts.*} settings as the workers', checked when bound (see {@link
 * ArtifactSettings}).
 *
 * @param store {@code filesystem} (the default) or {@code s3}
 * @param dir the workers' artifact folder; an artifact lives at {@code dir/<ref.relativePath()>}
 * @param s3 the workers' bucket, when {@code store} is {@code s3}
 */
@ConfigurationProperties("conveyor.artifacts")
public record ArtifactProperties(ArtifactStoreKind store, Path dir, S3Settings s3) {

  public ArtifactProperties {
    ArtifactSettings settings = new ArtifactSettings(store, dir, s3);
    store = settings.store();
    dir = settings.dir();
  }

  /** Returns the settings as the artifact store reads them. */
  public ArtifactSettings settings() {
    return new ArtifactSettings(store, dir, s3);
  }
}
