package dev.conveyor.activities.modelcall;

import dev.conveyor.workflow.model.ModelTier;
import dev.conveyor.workflow.model.Step;

/**
 * Where in a job a model call happens, for its log line and the tier of models it uses.
 *
 * @param step the step
 * @param tier the tier of the step's models, {@link ModelTier#STANDARD} unless the budget switched
 * @param revision the job's revision, 0 for the first
 * @param attempt the QA attempt within the revision, 0 for the prompt
 */
public record CallSite(Step step, ModelTier tier, int revision, int attempt) {

  public CallSite {
    tier = ModelTier.orStandard(tier);
  }

  /** Returns the site of a call on a step's standard models, outside any revision. */
  public static CallSite of(Step step) {
    return new CallSite(step, ModelTier.STANDARD, 0, 0);
  }
}
