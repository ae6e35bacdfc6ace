package dev.conveyor.workflow.activity;

/** Failure types that activities raise and that Temporal must not retry. */
public final class ActivityErrors {

  /** The model refused the call for good: authentication, unknown model, invalid request. */
  public static final String MODEL_REJECTED = "ModelRejected";

  /**
   * Every model of a step failed: the step's first model and each of its fallbacks was rejected for
   * good or ran out of retries. The message says why for each model.
   */
  public static final String MODELS_EXHAUSTED = "ModelsExhausted";

  /** An artifact that a step needs is not in the store. */
  public static final String ARTIFACT_MISSING = "ArtifactMissing";

  /** The input of a step is unusable; retrying cannot help. */
  public static final String INVALID_INPUT = "InvalidInput";

  private ActivityErrors() {}

  /** Returns every non-retryable type, for the workflow's retry policies. */
  public static String[] nonRetryable() {
    return new String[] {MODEL_REJECTED, MODELS_EXHAUSTED, ARTIFACT_MISSING, INVALID_INPUT};
  }
}
