package dev.conveyor.activities.modelcall;

import dev.conveyor.activities.catalog.ModelRoute;
import dev.conveyor.activities.catalog.ModelSettings;
import dev.conveyor.activities.observability.CallRecorder;
import dev.conveyor.workflow.model.ModelCall;
import dev.conveyor.workflow.model.Step;
import dev.langchain4j.data.image.Image;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.Content;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.TextContent;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.Response;
import dev.langchain4j.model.output.TokenUsage;
import io.temporal.client.ActivityCompletionException;
import io.temporal.failure.ApplicationFailure;
import java.math.BigDecimal;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one model call for an activity: heartbeats while it blocks, measures it, prices it, and has
 * the {@link CallRecorder} log one line about it (never prompt or output text) and record its
 * metrics. {@link ModelChain} decides what a failure means.
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
      CallSite site,
      ModelRoute route,
      ChainProgress progress,
      CallRecorder recorder,
      ChatRequest request) {
    if (route.chat() == null) {
      throw new IllegalStateException(route.modelId() + " is not a chat model");
    }
    return run(
        site,
        route.settings(),
        progress,
        recorder,
        () -> route.chat().chat(request),
        Usage::of,
        () -> promptText(request),
        response -> response.aiMessage() == null ? null : response.aiMessage().text());
  }

  /** Asks an image model of a step for one image. */
  public static Outcome<Response<Image>> image(
      CallSite site,
      ModelRoute route,
      ChainProgress progress,
      CallRecorder recorder,
      String prompt) {
    if (route.image() == null) {
      throw new IllegalStateException(route.modelId() + " is not an image model");
    }
    return run(
        site,
        route.settings(),
        progress,
        recorder,
        () -> route.image().generate(prompt),
        Usage::ofImage,
        () -> prompt,
        image -> null);
  }

  /**
   * Runs a model call while the activity heartbeats its progress, and accounts for it through the
   * recorder, whether it serves or fails. A failure is thrown as it is: the model chain decides
   * what it means.
   *
   * @param site where in the job the call happens
   * @param settings the model's settings, for names and prices
   * @param progress the chain progress the heartbeats carry
   * @param recorder logs the call and records its metrics
   * @param call the call
   * @param usage reads the usage from the call's result
   * @return the result with its accounting
   */
  public static <T> Outcome<T> run(
      CallSite site,
      ModelSettings settings,
      ChainProgress progress,
      CallRecorder recorder,
      Supplier<T> call,
      Function<T, Usage> usage) {
    return run(site, settings, progress, recorder, call, usage, () -> null, value -> null);
  }

  /**
   * Runs a model call as {@link #run(CallSite, ModelSettings, ChainProgress, CallRecorder,
   * Supplier, Function)} does; when the recorder logs content, its line carries the prompt and the
   * output text.
   */
  public static <T> Outcome<T> run(
      CallSite site,
      ModelSettings settings,
      ChainProgress progress,
      CallRecorder recorder,
      Supplier<T> call,
      Function<T, Usage> usage,
      Supplier<String> promptText,
      Function<T, String> outputText) {
    Step step = site.step();
    String prompt = recorder.logsContent() ? promptText.get() : null;
    long started = System.nanoTime();
    T value;
    try {
      value = Heartbeats.whileRunning(progress.doing(step + " " + settings.modelId()), call);
    } catch (RuntimeException e) {
      recorder.record(
          new CallRecorder.Call(
              site,
              settings,
              null,
              0,
              0,
              0,
              BigDecimal.ZERO,
              millisSince(started),
              outcomeOf(e),
              errorTypeOf(e),
              prompt,
              null));
      log.debug("model call to {} failed", settings.modelId(), e);
      throw e;
    }
    Usage used = usage.apply(value);
    String served =
        used.servedModel() == null || used.servedModel().isBlank()
            ? settings.model()
            : used.servedModel();
    BigDecimal cost = settings.costUsd(used.inputTokens(), used.outputTokens(), used.images());
    long latency = millisSince(started);
    recorder.record(
        new CallRecorder.Call(
            site,
            settings,
            served,
            used.inputTokens(),
            used.outputTokens(),
            used.images(),
            cost,
            latency,
            "ok",
            null,
            prompt,
            recorder.logsContent() ? outputText.apply(value) : null));
    ModelCall modelCall =
        new ModelCall(
            step,
            settings.provider(),
            served,
            used.inputTokens(),
            used.outputTokens(),
            cost,
            latency,
            List.of(),
            used.images(),
            BigDecimal.ZERO);
    return new Outcome<>(value, modelCall);
  }

  /**
   * Accounts for a step served by the offline deterministic checks: a free call of the step's
   * offline checker.
   */
  public static ModelCall offlineCheck(
      CallSite site, String checker, long startedNanos, String outcome, CallRecorder recorder) {
    ModelSettings settings = ModelSettings.offline(checker);
    long latency = millisSince(startedNanos);
    recorder.record(
        new CallRecorder.Call(
            site, settings, checker, 0, 0, 0, BigDecimal.ZERO, latency, outcome, null, null, null));
    return new ModelCall(
        site.step(), ModelSettings.OFFLINE, checker, 0, 0, BigDecimal.ZERO, latency);
  }

  /** Returns the milliseconds since a {@link System#nanoTime()} reading. */
  public static long millisSince(long startedNanos) {
    return (System.nanoTime() - startedNanos) / 1_000_000;
  }

  /** Returns the text of a chat request's system and user messages, without images. */
  private static String promptText(ChatRequest request) {
    StringBuilder text = new StringBuilder();
    for (ChatMessage message : request.messages()) {
      if (message instanceof SystemMessage system) {
        text.append(system.text()).append('\n');
      } else if (message instanceof UserMessage user) {
        for (Content content : user.contents()) {
          if (content instanceof TextContent part) {
            text.append(part.text()).append('\n');
          }
        }
      }
    }
    return text.toString().strip();
  }

  private static String errorTypeOf(RuntimeException failure) {
    if (failure instanceof ApplicationFailure application) {
      return application.getType();
    }
    return failure.getClass().getSimpleName();
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
}
