package dev.conveyor.activities.support;

import dev.conveyor.activities.model.ModelCatalog;
import dev.conveyor.activities.model.ModelSettings;
import dev.conveyor.workflow.model.ModelCall;
import dev.conveyor.workflow.model.Step;
import dev.langchain4j.data.image.Image;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.Response;
import dev.langchain4j.model.output.TokenUsage;
import io.temporal.activity.Activity;
import io.temporal.activity.ActivityInfo;
import io.temporal.failure.ApplicationFailure;
import java.math.BigDecimal;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one model call for an activity: heartbeats while it blocks, measures it, prices it, turns
 * its failures into Temporal failures, and logs one line about it (never prompt or output text).
 */
public final class ModelCalls {

  private static final Logger log = LoggerFactory.getLogger(ModelCalls.class);

  /**
   * What a finished call used.
   *
   * @param servedModel the model that served the call, or null when the provider did not say
   * @param inputTokens input tokens, 0 when the provider reports none
   * @param outputTokens output tokens, 0 when the provider reports none
   * @param images how many images the call generated
   */
  public record Usage(String servedModel, long inputTokens, long outputTokens, int images) {

    /** Returns the usage a chat response reports. */
    public static Usage of(ChatResponse response) {
      TokenUsage tokens = response.tokenUsage();
      return new Usage(response.modelName(), input(tokens), output(tokens), 0);
    }

    /** Returns the usage of an image generation. */
    public static Usage ofImage(Response<Image> response) {
      TokenUsage tokens = response.tokenUsage();
      return new Usage(null, input(tokens), output(tokens), 1);
    }

    private static long input(TokenUsage tokens) {
      return tokens == null || tokens.inputTokenCount() == null ? 0 : tokens.inputTokenCount();
    }

    private static long output(TokenUsage tokens) {
      return tokens == null || tokens.outputTokenCount() == null ? 0 : tokens.outputTokenCount();
    }
  }

  /**
   * A call's result and its accounting.
   *
   * @param value what the model returned
   * @param call the call, as the workflow records it
   */
  public record Outcome<T>(T value, ModelCall call) {}

  private ModelCalls() {}

  /** Sends a chat request to the chat model of a step. */
  public static Outcome<ChatResponse> chat(ModelCatalog catalog, Step step, ChatRequest request) {
    return run(
        step, catalog.settings(step), () -> catalog.chatModel(step).chat(request), Usage::of);
  }

  /** Asks the image model of a step for one image. */
  public static Outcome<Response<Image>> image(ModelCatalog catalog, Step step, String prompt) {
    return run(
        step,
        catalog.settings(step),
        () -> catalog.imageModel(step).generate(prompt),
        Usage::ofImage);
  }

  /**
   * Runs a model call.
   *
   * @param step the step the call serves
   * @param settings the step's model settings, for names and prices
   * @param call the call
   * @param usage reads the usage from the call's result
   * @return the result with its accounting
   */
  public static <T> Outcome<T> run(
      Step step, ModelSettings settings, Supplier<T> call, Function<T, Usage> usage) {
    long started = System.nanoTime();
    T value;
    try {
      value = Heartbeats.whileRunning(step + " " + settings.modelId(), call);
    } catch (RuntimeException e) {
      RuntimeException failure = ModelCallFailures.translate(e, settings.modelId());
      ModelCall failed =
          new ModelCall(
              step,
              settings.provider(),
              settings.model(),
              0,
              0,
              BigDecimal.ZERO,
              millisSince(started));
      log(failed, outcomeOf(failure));
      log.debug("model call to {} failed", settings.modelId(), e);
      throw failure;
    }
    Usage used = usage.apply(value);
    String served =
        used.servedModel() == null || used.servedModel().isBlank()
            ? settings.model()
            : used.servedModel();
    ModelCall modelCall =
        new ModelCall(
            step,
            settings.provider(),
            served,
            used.inputTokens(),
            used.outputTokens(),
            settings.costUsd(used.inputTokens(), used.outputTokens(), used.images()),
            millisSince(started));
    log(modelCall, "ok");
    return new Outcome<>(value, modelCall);
  }

  /** Logs one line about a call: where it ran, what it used and how it ended. */
  public static void log(ModelCall call, String outcome) {
    ActivityInfo info = currentActivity();
    log.info(
        "model call workflow={} activity={} attempt={} step={} provider={} model={}"
            + " inputTokens={} outputTokens={} latencyMs={} costUsd={} outcome={}",
        info == null ? "-" : info.getWorkflowId(),
        info == null ? "-" : info.getActivityType(),
        info == null ? 0 : info.getAttempt(),
        call.step(),
        call.provider(),
        call.model(),
        call.inputTokens(),
        call.outputTokens(),
        call.latencyMs(),
        call.costUsd().toPlainString(),
        outcome);
  }

  /** Returns the milliseconds since a {@link System#nanoTime()} reading. */
  public static long millisSince(long startedNanos) {
    return (System.nanoTime() - startedNanos) / 1_000_000;
  }

  private static String outcomeOf(RuntimeException failure) {
    if (failure instanceof ApplicationFailure application) {
      return "failed "
          + application.getType()
          + (application.isNonRetryable() ? " (not retryable)" : " (retryable)");
    }
    return "stopped " + failure.getClass().getSimpleName();
  }

  private static ActivityInfo currentActivity() {
    try {
      return Activity.getExecutionContext().getInfo();
    } catch (IllegalStateException notInAnActivity) {
      return null;
    }
  }
}
