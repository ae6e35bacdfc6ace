package dev.conveyor.workflow.activity;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/** Turns business requirements into an optimized prompt with a small, cheap model. */
@ActivityInterface
public interface PromptActivities {

  /** Writes the prompt for the primary model, stores it and returns its reference. */
  @ActivityMethod(name = "WritePrompt")
  StepResult writePrompt(PromptRequest request);
}
