package dev.conveyor.starter.artifact;

import dev.conveyor.workflow.model.ArtifactRef;

/** An artifact that a job refers to is not in the artifact folder. */
public class ArtifactNotFoundException extends RuntimeException {

  private final transient ArtifactRef ref;

  public ArtifactNotFoundException(ArtifactRef ref, String message) {
    super(message);
    this.ref = ref;
  }

  public ArtifactRef ref() {
    return ref;
  }
}
