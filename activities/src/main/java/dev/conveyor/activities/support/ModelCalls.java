package dev.conveyor.activities.support;

import dev.conveyor.activities.model.ModelRoute;
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
import io.temporal.client.ActivityCompletionException;
import io.temporal.failure.ApplicationFailure;
import java.math.BigDecimal;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one model call for an activity: heartbeats while it blocks, measures it, prices it, and logs
 * one line about it (never prompt or output text). {@link ModelChain} decides what a failure means.
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

  /** Sends a chat request to a chat model of a step. */
  public static Outcome<ChatResponse> chat(
      Step step, ModelRoute route, ChainProgress progress, ChatRequest request) {
    if (route.chat() == null) {
      throw new IllegalStateException(route.modelId() + " is not a chat model");
    }
    return run(step, route.settings(), progress, () -> route.chat().chat(request), Usage::of);
  }

  /** Asks an image model of a step for one image. */
  public static Outcome<Response<Image>> image(
      Step step, ModelRoute route, ChainProgress progress, String prompt) {
    if (route.image() == null) {
      throw new IllegalStateException(route.modelId() + " is not an image model");
    }
    return run(
        step, route.settings(), progress, () -> route.image().generate(prompt), Usage::ofImage);
  }

  /**
   * Runs a model call while the activity heartbeats its progress, and accounts for it. A failure is
   * logged and thrown as it is: the model chain decides what it means.
   *
   * @param step the step the call serves
   * @param settings the model's settings, for names and prices
   * @param progress the chain progress the heartbeats carry
   * @param call the call
   * @param usage reads the usage from the call's result
   * @return the result with its accounting
   */
  public static <T> Outcome<T> run(
      Step step,
      ModelSettings settings,
      ChainProgress progress,
      Supplier<T> call,
      Function<T, Usage> usage) {
    long started = System.nanoTime();
    T value;
    try {
      value = Heartbeats.whileRunning(progress.doing(step + " " + settings.modelId()), call);
    } catch (RuntimeException e) {
      ModelCall failed =
          new ModelCall(
              step,
              settings.provider(),
              settings.model(),
              0,
              0,
              BigDecimal.ZERO,
              millisSince(started));
      log(failed, outcomeOf(e));
      log.debug("model call to {} failed", settings.modelId(), e);
      throw e;
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
    if (failure instanceof ActivityCompletionException) {
      return "stopped " + failure.getClass().getSimpleName();
    }
    if (failure instanceof ApplicationFailure application) {
      return "failed " + application.getType();
    }
    return "failed " + failure.getClass().getSimpleName();
  }

  private static ActivityInfo currentActivity() {
    try {
      return Activity.getExecutionContext().getInfo();
    } catch (IllegalStateException notInAnActivity) {
      return null;
    }
  }
}
