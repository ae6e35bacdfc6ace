package dev.conveyor.starter.artifact;

import dev.conveyor.workflow.model.ArtifactRef;

/**
 * Reads the content a job's references point at, from the store the workers write to: {@link
 * FolderArtifactReader} or {@link S3ArtifactReader}, chosen by {@code conveyor.artifacts.store}.
 */
public interface ArtifactReader {

  /**
   * Returns an artifact's bytes.
   *
   * @param ref the reference
   * @return the stored bytes, checked against the reference's SHA-256
   * @throws ArtifactNotFoundException when the store does not hold the artifact
   * @throws IllegalStateException when the stored bytes do not hash to the reference's SHA-256
   */
  byte[] read(ArtifactRef ref);
}
