package dev.conveyor.workflow.activity;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/** Runs the primary model: a chat model for text, an image model for images. */
@ActivityInterface
public interface GenerationActivities {

  /** Generates text from the prompt and any feedback, stores it and returns its reference. */
  @ActivityMethod(name = "GenerateText")
  StepResult generateText(GenerationRequest request);

  /** Generates an image from the prompt and any feedback, stores it and returns its reference. */
  @ActivityMethod(name = "GenerateImage")
  StepResult generateImage(GenerationRequest request);
}
