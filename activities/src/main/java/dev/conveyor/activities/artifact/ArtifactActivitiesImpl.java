package dev.conveyor.activities.artifact;

import dev.conveyor.workflow.activity.ActivityErrors;
import dev.conveyor.workflow.activity.ArtifactActivities;
import dev.conveyor.workflow.model.ArtifactRef;
import io.temporal.failure.ApplicationFailure;

/** Stores content for the workflow, which may not do I/O itself. */
public class ArtifactActivitiesImpl implements ArtifactActivities {

  private final ArtifactStore store;

  public ArtifactActivitiesImpl(ArtifactStore store) {
    this.store = store;
  }

  @Override
  public ArtifactRef storeText(String text) {
    if (text == null) {
      throw ApplicationFailure.newNonRetryableFailure(
          "there is no text to store", ActivityErrors.INVALID_INPUT);
    }
    return store.putText(text);
  }
}
