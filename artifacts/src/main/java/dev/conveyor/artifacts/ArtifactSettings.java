package dev.conveyor.artifacts;

import java.nio.file.Path;

/**
 * The artifact store's settings under {@code conveyor.artifacts.*}, the same for the worker, which
 * writes artifacts, and the starter, which reads them. Checked when bound, so that bad settings
 * stop the application at start-up with one line naming the key.
 *
 * @param store where content is kept: {@code filesystem} (the default) or {@code s3}
 * @param dir the folder of the filesystem store
 * @param s3 the bucket of the S3 store; its bucket is required when {@code store} is {@code s3}
 */
public record ArtifactSettings(ArtifactStoreKind store, Path dir, S3Settings s3) {

  public ArtifactSettings {
    store = store == null ? ArtifactStoreKind.FILESYSTEM : store;
    dir = dir == null ? Path.of("data", "artifacts") : dir;
    if (store == ArtifactStoreKind.S3 && (s3 == null || s3.bucket() == null)) {
      throw new ArtifactSettingsException(
          "conveyor.artifacts.s3.bucket must be set when conveyor.artifacts.store is s3");
    }
  }

  /** Returns the settings of the filesystem store in the given folder. */
  public static ArtifactSettings filesystem(Path dir) {
    return new ArtifactSettings(ArtifactStoreKind.FILESYSTEM, dir, null);
  }
}
