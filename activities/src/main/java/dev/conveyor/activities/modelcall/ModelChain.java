package dev.conveyor.activities.modelcall;

import dev.conveyor.activities.catalog.ModelCatalog;
import dev.conveyor.activities.catalog.ModelRoute;
import dev.conveyor.activities.catalog.RetryAfter;
import dev.conveyor.activities.observability.CallRecorder;
import dev.conveyor.workflow.activity.ActivityErrors;
import dev.conveyor.workflow.model.ModelCall;
import dev.conveyor.workflow.model.Step;
import dev.langchain4j.data.image.Image;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.Response;
import io.temporal.activity.Activity;
import io.temporal.failure.ApplicationFailure;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one step's work along its chain of models (the first model, then its fallbacks), within one
 * activity execution and across Temporal's retries of it:
 *
 * <ul>
 *   <li>A permanent refusal (bad credentials, unknown model, invalid request, filtered content)
 *       skips the model at once, and the next model is tried in the same execution.
 *   <li>An unusable answer (malformed verdict, empty text, no image) is asked again once of the
 *       same model; a second one skips the model.
 *   <li>A transient failure (429, 5xx, timeout, broken connection) fails the execution with a
 *       retryable failure, so that Temporal retries with backoff; a 429's {@code Retry-After} sets
 *       the next retry's delay. After {@code attempts} transient failures in a row the model is
 *       skipped and the next model is tried at once.
 *   <li>When every model is skipped, the activity fails with the non-retryable {@link
 *       ActivityErrors#MODELS_EXHAUSTED}, one line per model saying why.
 * </ul>
 *
 * The position in the chain, the current model's transient failures and the reasons for each skip
 * are the activity's heartbeat details ({@link ChainProgress}), recorded before the execution
 * fails: Temporal hands them to the next attempt, which resumes on the same model. The call that
 * serves records the skipped models in {@link ModelCall#fallbacks()}.
 */
public final class ModelChain {

  private static final Logger log = LoggerFactory.getLogger(ModelChain.class);

  /** How many unusable answers in a row skip a model: the first is asked again once. */
  static final int UNUSABLE_ANSWERS = 2;

  private ModelChain() {}

  /**
   * One try of one model: the step, the model, and the progress its heartbeats carry.
   *
   * @param step the step
   * @param route the model
   * @param progress the chain progress
   */
  public record Turn(
      CallSite site,
      ModelRoute route,
      ChainProgress progress,
      CallRecorder recorder,
      List<ModelCall> made) {

    /** Returns the step. */
    public Step step() {
      return site.step();
    }

    /** Sends a chat request to this turn's model. */
    public ModelCalls.Outcome<ChatResponse> chat(ChatRequest request) {
      return made(ModelCalls.chat(site, route, progress, recorder, request));
    }

    /** Asks this turn's image model for one image. */
    public ModelCalls.Outcome<Response<Image>> image(String prompt) {
      return made(ModelCalls.image(site, route, progress, recorder, prompt));
    }

    /** Returns what this turn's calls cost. */
    BigDecimal cost() {
      return made.stream().map(ModelCall::costUsd).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    private <T> ModelCalls.Outcome<T> made(ModelCalls.Outcome<T> outcome) {
      made.add(outcome.call());
      return outcome;
    }

    /** Runs other blocking work of this turn, such as a download, while heartbeating. */
    public <T> T whileRunning(String doing, Supplier<T> work) {
      return Heartbeats.whileRunning(progress.doing(step() + " " + doing), work);
    }

    /** Returns this turn's model as {@code provider/model}. */
    public String modelId() {
      return route.modelId();
    }
  }

  /** Runs the step's work along its standard chain, logging its calls without metrics. */
  public static <T> ModelCalls.Outcome<T> run(
      ModelCatalog catalog, Step step, Function<Turn, ModelCalls.Outcome<T>> work) {
    return run(catalog, CallRecorder.logOnly(), CallSite.of(step), work);
  }

  /**
   * Runs the step's work along its chain on the site's tier.
   *
   * @param catalog the models
   * @param recorder accounts for each call
   * @param site the step, the tier and where in the job
   * @param work one try of one model: calls it, and returns the result and the call, or throws
   * @return the result of the model that served, its call listing the models skipped before it and
   *     what the calls that did not serve cost
   */
  public static <T> ModelCalls.Outcome<T> run(
      ModelCatalog catalog,
      CallRecorder recorder,
      CallSite site,
      Function<Turn, ModelCalls.Outcome<T>> work) {
    Step step = site.step();
    List<ModelRoute> chain = catalog.profile(site.profile()).chain(step, site.tier());
    ChainProgress progress = ChainProgress.resumed();
    if (progress.model() > 0 || progress.transientFailures() > 0) {
      log.info(
          "{} resumes on model {} of {} ({}) after {} transient failures; skipped: {}",
          step,
          progress.model() + 1,
          chain.size(),
          progress.model() < chain.size() ? chain.get(progress.model()).modelId() : "none",
          progress.transientFailures(),
          progress.skipped());
    }
    while (progress.model() < chain.size()) {
      ModelRoute route = chain.get(progress.model());
      int unusable = 0;
      while (true) {
        ModelCallFailures.Classified failure;
        RuntimeException thrown;
        RetryAfter.Capture capture = RetryAfter.capture();
        Turn turn = new Turn(site, route, progress, recorder, new ArrayList<>());
        try {
          ModelCalls.Outcome<T> outcome = work.apply(turn);
          return new ModelCalls.Outcome<>(
              outcome.value(), outcome.call().after(progress.skipped(), progress.spentUsd()));
        } catch (RuntimeException e) {
          thrown = e;
          failure = ModelCallFailures.classify(e, capture.delay());
          progress = progress.spending(turn.cost());
        } finally {
          capture.close();
        }
        if (failure == null) {
          throw thrown;
        }
        String model = route.modelId();
        if (failure.kind() == ModelCallFailures.Kind.PERMANENT) {
          progress = progress.skipping(model + ": rejected (" + failure.reason() + ")");
          break;
        }
        if (failure.kind() == ModelCallFailures.Kind.UNUSABLE) {
          unusable++;
          if (unusable < UNUSABLE_ANSWERS) {
            log.info("{} gave an unusable answer ({}); asking once more", model, failure.reason());
            continue;
          }
          progress =
              progress.skipping(
                  model + ": " + unusable + " unusable answers (" + failure.reason() + ")");
          break;
        }
        progress = progress.withTransientFailure();
        int attempts = route.settings().attempts();
        if (progress.transientFailures() >= attempts) {
          progress =
              progress.skipping(
                  model
                      + ": "
                      + progress.transientFailures()
                      + (progress.transientFailures() == 1
                          ? " transient failure ("
                          : " transient failures (")
                      + failure.reason()
                      + ")");
          break;
        }
        record(progress.doing(step + " " + model + " failed: " + failure.reason()));
        throw ModelCallFailures.retryable(failure, model);
      }
      log.info("{} moves on: {}", step, progress.skipped().get(progress.skipped().size() - 1));
    }
    record(progress.doing(step + ": every model failed"));
    throw ApplicationFailure.newNonRetryableFailure(
        "every model of "
            + ModelCatalog.propertyOf(step)
            + " failed:\n"
            + String.join("\n", progress.skipped()),
        ActivityErrors.MODELS_EXHAUSTED);
  }

  /** Records the progress as the activity's heartbeat details, for the next attempt. */
  private static void record(ChainProgress progress) {
    try {
      Activity.getExecutionContext().heartbeat(progress);
    } catch (IllegalStateException notInAnActivity) {
      // Outside an activity there is no next attempt to tell.
    }
  }
}
