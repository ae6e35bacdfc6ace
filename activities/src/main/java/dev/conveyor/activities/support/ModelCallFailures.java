package dev.conveyor.activities.support;

import dev.conveyor.activities.artifact.ArtifactNotFoundException;
import dev.conveyor.workflow.activity.ActivityErrors;
import dev.langchain4j.exception.AuthenticationException;
import dev.langchain4j.exception.ContentFilteredException;
import dev.langchain4j.exception.InternalServerException;
import dev.langchain4j.exception.ModelNotFoundException;
import dev.langchain4j.exception.NonRetriableException;
import dev.langchain4j.exception.RateLimitException;
import dev.langchain4j.exception.TimeoutException;
import dev.langchain4j.exception.UnsupportedFeatureException;
import io.temporal.client.ActivityCompletionException;
import io.temporal.failure.ApplicationFailure;

/**
 * Turns what a model client or the artifact store throws into the failure Temporal acts on.
 * Permanent refusals (bad key, unknown model, invalid request, filtered content) become
 * non-retryable {@link ActivityErrors#MODEL_REJECTED}; a missing artifact becomes non-retryable
 * {@link ActivityErrors#ARTIFACT_MISSING}; rate limits, server errors, timeouts and anything
 * unexpected stay retryable, so that the workflow's retry policy and backoff apply. LangChain4j's
 * exceptions carry the HTTP status but not the headers, so a {@code Retry-After} cannot be honoured
 * here; the retry policy's backoff covers it.
 */
public final class ModelCallFailures {

  /** Retryable: the provider throttled the call (HTTP 429). */
  public static final String RATE_LIMITED = "ModelRateLimited";

  /** Retryable: the provider failed (HTTP 5xx). */
  public static final String SERVER_ERROR = "ModelServerError";

  /** Retryable: the call took longer than the model's timeout. */
  public static final String TIMEOUT = "ModelTimeout";

  /** Retryable: the call failed in a way that a new attempt may not repeat. */
  public static final String CALL_FAILED = "ModelCallFailed";

  /** Retryable: the model answered, but not in the form the step needs. */
  public static final String BAD_ANSWER = "ModelAnswerUnusable";

  private static final int MAX_DETAIL = 300;

  private ModelCallFailures() {}

  /** Translates a failure that happened outside a model call, such as a missing artifact. */
  public static RuntimeException translate(RuntimeException failure) {
    return translate(failure, "the model");
  }

  /**
   * Translates a failure of a model call.
   *
   * @param failure what was thrown
   * @param model the model, as {@code provider/model}, for the message
   * @return the exception to throw from the activity
   */
  public static RuntimeException translate(RuntimeException failure, String model) {
    if (failure instanceof ApplicationFailure || failure instanceof ActivityCompletionException) {
      return failure;
    }
    String detail = detail(failure);
    if (failure instanceof ArtifactNotFoundException) {
      return failure(detail, ActivityErrors.ARTIFACT_MISSING, true);
    }
    if (failure instanceof NonRetriableException
        || failure instanceof UnsupportedFeatureException) {
      return failure(
          model + " " + refusal(failure) + ": " + detail, ActivityErrors.MODEL_REJECTED, true);
    }
    if (failure instanceof RateLimitException) {
      return failure(model + " is rate limited: " + detail, RATE_LIMITED, false);
    }
    if (failure instanceof InternalServerException) {
      return failure(model + " failed on the server: " + detail, SERVER_ERROR, false);
    }
    if (failure instanceof TimeoutException) {
      return failure(model + " timed out: " + detail, TIMEOUT, false);
    }
    // Unexpected: keep the cause, its stack trace is the best clue.
    return ApplicationFailure.newFailureWithCause(
        model + " call failed: " + detail, CALL_FAILED, failure);
  }

  /** Returns a retryable failure for an answer the step cannot use, such as malformed JSON. */
  public static ApplicationFailure unusableAnswer(String model, String problem) {
    return ApplicationFailure.newFailure(
        model + " gave an unusable answer: " + problem, BAD_ANSWER);
  }

  /**
   * Returns a failure without the client's exception as its cause: the message says what happened,
   * and the workflow, which reports the deepest cause, then reports this message.
   */
  private static ApplicationFailure failure(String message, String type, boolean nonRetryable) {
    return ApplicationFailure.newBuilder()
        .setMessage(message)
        .setType(type)
        .setNonRetryable(nonRetryable)
        .build();
  }

  /** Returns the exception's message on one line, cut to a readable length. */
  private static String detail(RuntimeException failure) {
    String message = failure.getMessage();
    if (message == null || message.isBlank()) {
      return failure.getClass().getSimpleName();
    }
    String line = message.replaceAll("\\s+", " ").strip();
    return line.length() <= MAX_DETAIL ? line : line.substring(0, MAX_DETAIL) + "...";
  }

  private static String refusal(RuntimeException failure) {
    if (failure instanceof AuthenticationException) {
      return "refused the credentials";
    }
    if (failure instanceof ModelNotFoundException) {
      return "does not exist";
    }
    if (failure instanceof ContentFilteredException) {
      return "filtered the content";
    }
    if (failure instanceof UnsupportedFeatureException) {
      return "does not support the request";
    }
    return "rejected the request";
  }
}
