package dev.conveyor.workflow.activity;

import dev.conveyor.workflow.model.ArtifactRef;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/** Puts content into the artifact store, so that workflow payloads carry references only. */
@ActivityInterface
public interface ArtifactActivities {

  /**
   * Stores UTF-8 text and returns its reference. Storing the same text twice returns the same
   * reference, so a retried call is harmless.
   */
  @ActivityMethod(name = "StoreText")
  ArtifactRef storeText(String text);
}
