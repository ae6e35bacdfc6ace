package dev.conveyor.activities.artifact;

import dev.conveyor.workflow.model.ArtifactRef;

/** Thrown when a reference names content that the artifact store does not hold. */
public class ArtifactNotFoundException extends RuntimeException {

  private final transient ArtifactRef ref;

  /** Creates the exception for the missing reference. */
  public ArtifactNotFoundException(ArtifactRef ref) {
    super("artifact " + (ref == null ? null : ref.sha256()) + " is not in the artifact store");
    this.ref = ref;
  }

  /** Returns the reference that was not found. */
  public ArtifactRef ref() {
    return ref;
  }
}
