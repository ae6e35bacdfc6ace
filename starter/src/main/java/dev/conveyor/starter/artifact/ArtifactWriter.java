package dev.conveyor.starter.artifact;

import dev.conveyor.workflow.model.ArtifactRef;

/**
 * Stores content the starter receives (a golden set) in the workers' artifact store, so that a
 * workflow carries its reference instead of the content.
 */
public interface ArtifactWriter {

  /** Stores the content and returns its reference; storing the same bytes again is a no-op. */
  ArtifactRef write(byte[] content, String contentType);
}
