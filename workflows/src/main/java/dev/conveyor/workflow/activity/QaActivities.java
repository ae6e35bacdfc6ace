package dev.conveyor.workflow.activity;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/** Checks an output against the requirements and the QA criteria. */
@ActivityInterface
public interface QaActivities {

  /** Judges a text output. */
  @ActivityMethod(name = "CheckText")
  QaResult checkText(QaRequest request);

  /** Judges an image output. */
  @ActivityMethod(name = "CheckImage")
  QaResult checkImage(QaRequest request);
}
