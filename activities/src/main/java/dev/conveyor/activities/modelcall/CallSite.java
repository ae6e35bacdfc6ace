package dev.conveyor.activities.modelcall;

import dev.conveyor.workflow.model.JobRequest;
import dev.conveyor.workflow.model.ModelTier;
import dev.conveyor.workflow.model.Step;

/**
 * Where in a job a model call happens, for its log line and the tier of models it uses.
 *
 * @param step the step
 * @param tier the tier of the step's models, {@link ModelTier#STANDARD} unless the budget switched
 * @param revision the job's revision, 0 for the first
 * @param attempt the QA attempt within the revision, 0 for the prompt
 * @param profile the routing profile whose chains serve the call, {@code default} when the job
 *     names none
 */
public record CallSite(Step step, ModelTier tier, int revision, int attempt, String profile) {

  public CallSite {
    tier = ModelTier.orStandard(tier);
    profile = profile == null ? JobRequest.DEFAULT_PROFILE : profile;
  }

  /** Returns the site of a call on the {@code default} profile. */
  public CallSite(Step step, ModelTier tier, int revision, int attempt) {
    this(step, tier, revision, attempt, null);
  }

  /** Returns the site of a call on a step's standard models, outside any revision. */
  public static CallSite of(Step step) {
    return new CallSite(step, ModelTier.STANDARD, 0, 0);
  }
}
