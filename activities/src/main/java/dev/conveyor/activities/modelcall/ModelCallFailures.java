package dev.conveyor.activities.modelcall;

import dev.conveyor.activities.artifact.ArtifactNotFoundException;
import dev.conveyor.workflow.activity.ActivityErrors;
import dev.langchain4j.exception.AuthenticationException;
import dev.langchain4j.exception.ContentFilteredException;
import dev.langchain4j.exception.HttpException;
import dev.langchain4j.exception.InternalServerException;
import dev.langchain4j.exception.InvalidRequestException;
import dev.langchain4j.exception.ModelNotFoundException;
import dev.langchain4j.exception.NonRetriableException;
import dev.langchain4j.exception.RateLimitException;
import dev.langchain4j.exception.TimeoutException;
import dev.langchain4j.exception.UnsupportedFeatureException;
import io.temporal.client.ActivityCompletionException;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.util.Optional;

/**
 * What a failed model call means, and the failure Temporal acts on.
 *
 * <ul>
 *   <li>{@link Kind#PERMANENT}: the model refused for good (401/403 credentials, 404 unknown model,
 *       400 invalid request, filtered content). Retrying the same model cannot help.
 *   <li>{@link Kind#TRANSIENT}: rate limits (429), server errors (5xx), timeouts, broken
 *       connections. Temporal retries with backoff; a 429's {@code Retry-After} sets the next
 *       delay.
 *   <li>{@link Kind#UNUSABLE}: the model answered, but not in a usable form.
 * </ul>
 *
 * Outside a model chain, permanent refusals become non-retryable {@link
 * ActivityErrors#MODEL_REJECTED}, a missing artifact non-retryable {@link
 * ActivityErrors#ARTIFACT_MISSING}, and everything else stays retryable.
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

  /** The longest {@code Retry-After} honoured; a longer one is cut to this. */
  public static final Duration MAX_RETRY_AFTER = Duration.ofMinutes(5);

  private static final int MAX_DETAIL = 300;

  /** What a failure means for the model that failed. */
  public enum Kind {
    PERMANENT,
    TRANSIENT,
    UNUSABLE
  }

  /**
   * A classified model failure.
   *
   * @param kind what it means
   * @param type the failure type of a retryable Temporal failure
   * @param reason a few words, for example {@code 429 rate limited} or {@code 401 authentication}
   * @param detail the provider's message on one line
   * @param retryAfter what the provider asked to wait, or null
   */
  public record Classified(
      Kind kind, String type, String reason, String detail, Duration retryAfter) {}

  private ModelCallFailures() {}

  /**
   * Classifies a model call's failure.
   *
   * @param failure what the call threw
   * @param retryAfter the {@code Retry-After} the call's response carried, if any
   * @return the classification, or null when the failure is not the model's (a cancellation, a
   *     missing artifact, a non-retryable Temporal failure): it must be thrown as it is
   */
  public static Classified classify(RuntimeException failure, Optional<Duration> retryAfter) {
    if (failure instanceof ActivityCompletionException
        || failure instanceof ArtifactNotFoundException) {
      return null;
    }
    if (failure instanceof ApplicationFailure application) {
      return application.isNonRetryable()
          ? null
          : new Classified(
              Kind.TRANSIENT,
              application.getType(),
              application.getOriginalMessage(),
              application.getOriginalMessage(),
              null);
    }
    String detail = detail(failure);
    if (failure instanceof UnusableAnswerException unusable) {
      return new Classified(Kind.UNUSABLE, BAD_ANSWER, unusable.problem(), detail, null);
    }
    if (failure instanceof NonRetriableException
        || failure instanceof UnsupportedFeatureException) {
      return new Classified(
          Kind.PERMANENT, ActivityErrors.MODEL_REJECTED, refusal(failure), detail, null);
    }
    if (failure instanceof RateLimitException) {
      Duration wait =
          retryAfter.map(d -> d.compareTo(MAX_RETRY_AFTER) > 0 ? MAX_RETRY_AFTER : d).orElse(null);
      return new Classified(Kind.TRANSIENT, RATE_LIMITED, "429 rate limited", detail, wait);
    }
    if (failure instanceof InternalServerException) {
      return new Classified(
          Kind.TRANSIENT, SERVER_ERROR, status(failure, 500) + " server error", detail, null);
    }
    if (failure instanceof TimeoutException) {
      return new Classified(Kind.TRANSIENT, TIMEOUT, "timeout", detail, null);
    }
    if (failure.getClass().getSimpleName().equals("GeminiImageGenerationException")) {
      // Gemini answered without an image: the answer, not the service, is at fault.
      return new Classified(Kind.UNUSABLE, BAD_ANSWER, "no image in the answer", detail, null);
    }
    return new Classified(
        Kind.TRANSIENT,
        CALL_FAILED,
        "call failed: " + failure.getClass().getSimpleName(),
        detail,
        null);
  }

  /**
   * Returns the retryable failure a transient failure of a model becomes; its next retry waits what
   * the provider asked for, when it said.
   */
  public static ApplicationFailure retryable(Classified failure, String model) {
    ApplicationFailure.Builder builder =
        ApplicationFailure.newBuilder()
            .setMessage(model + ": " + failure.reason() + ": " + failure.detail())
            .setType(failure.type())
            .setNonRetryable(false);
    if (failure.retryAfter() != null) {
      builder.setNextRetryDelay(failure.retryAfter());
    }
    return builder.build();
  }

  /** Translates a failure that happened outside a model call, such as a missing artifact. */
  public static RuntimeException translate(RuntimeException failure) {
    return translate(failure, "the model");
  }

  /**
   * Translates a failure of a model call made outside a chain.
   *
   * @param failure what was thrown
   * @param model the model, as {@code provider/model}, for the message
   * @return the exception to throw from the activity
   */
  public static RuntimeException translate(RuntimeException failure, String model) {
    if (failure instanceof ApplicationFailure || failure instanceof ActivityCompletionException) {
      return failure;
    }
    if (failure instanceof ArtifactNotFoundException) {
      return failure(detail(failure), ActivityErrors.ARTIFACT_MISSING, true);
    }
    Classified classified = classify(failure, Optional.empty());
    return switch (classified.kind()) {
      case PERMANENT ->
          failure(
              model + " rejected the call (" + classified.reason() + "): " + classified.detail(),
              ActivityErrors.MODEL_REJECTED,
              true);
      case UNUSABLE -> failure(classified.detail(), BAD_ANSWER, false);
      case TRANSIENT ->
          classified.type().equals(CALL_FAILED)
              // Unexpected: keep the cause, its stack trace is the best clue.
              ? ApplicationFailure.newFailureWithCause(
                  model + " call failed: " + classified.detail(), CALL_FAILED, failure)
              : retryable(classified, model);
    };
  }

  /** Returns the exception for an answer the step cannot use, such as malformed JSON. */
  public static UnusableAnswerException unusableAnswer(String model, String problem) {
    return new UnusableAnswerException(model, problem);
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
  static String detail(RuntimeException failure) {
    String message = failure.getMessage();
    if (message == null || message.isBlank()) {
      return failure.getClass().getSimpleName();
    }
    String line = message.replaceAll("\\s+", " ").strip();
    return line.length() <= MAX_DETAIL ? line : line.substring(0, MAX_DETAIL) + "...";
  }

  private static String refusal(RuntimeException failure) {
    if (failure instanceof AuthenticationException) {
      return status(failure, 401) + " authentication";
    }
    if (failure instanceof ModelNotFoundException) {
      return status(failure, 404) + " model not found";
    }
    if (failure instanceof ContentFilteredException) {
      return "content filtered";
    }
    if (failure instanceof UnsupportedFeatureException) {
      return "unsupported request";
    }
    if (failure instanceof InvalidRequestException) {
      return status(failure, 400) + " invalid request";
    }
    return "rejected";
  }

  /** Returns the HTTP status behind a client exception, or a default when there is none. */
  private static int status(Throwable failure, int otherwise) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof HttpException http) {
        return http.statusCode();
      }
    }
    return otherwise;
  }
}
