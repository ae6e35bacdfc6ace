package dev.conveyor.activities.model;

import dev.conveyor.activities.offline.OfflineImageModel;
import dev.conveyor.activities.offline.OfflineModels;
import dev.conveyor.activities.offline.OfflinePromptWriter;
import dev.conveyor.activities.offline.OfflineSettings;
import dev.conveyor.activities.offline.OfflineTextWriter;
import dev.conveyor.workflow.model.Step;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.image.ImageModel;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * The models of every pipeline step, built and validated once: each step has a chain, its first
 * model followed by its fallbacks in order. Steps without settings run on the offline models. A
 * configuration mistake is reported when the catalog is created, as one line that names the
 * property, for example {@code conveyor.models.text-generation.fallbacks[0]: provider 'foo' is
 * unknown (known: offline, openai, anthropic, gemini)}.
 */
public final class ModelCatalog {

  private final Map<Step, List<ModelRoute>> chains;

  private ModelCatalog(Map<Step, List<ModelRoute>> chains) {
    this.chains = chains;
  }

  /**
   * Creates the catalog.
   *
   * @param settings the settings of the configured steps; the others use the offline models
   * @param offline how the offline models behave
   * @param environment reads an environment variable, usually {@code System::getenv}
   * @throws IllegalArgumentException with a one-line message when a setting is invalid
   */
  public static ModelCatalog create(
      Map<Step, ModelSettings> settings,
      OfflineSettings offline,
      Function<String, String> environment) {
    OfflineSettings offlineSettings = offline == null ? OfflineSettings.defaults() : offline;
    Map<Step, List<ModelRoute>> chains = new EnumMap<>(Step.class);
    for (Step step : Step.values()) {
      ModelSettings configured = settings == null ? null : settings.get(step);
      ModelSettings effective = configured == null ? ModelSettings.offline(null) : configured;
      ModelSettingsValidator.validate(step, effective, environment);
      List<ModelRoute> chain = new ArrayList<>();
      chain.add(route(step, effective.withFallbacks(List.of()), offlineSettings, environment));
      for (ModelSettings fallback : effective.fallbacks()) {
        chain.add(route(step, fallback, offlineSettings, environment));
      }
      chains.put(step, List.copyOf(chain));
    }
    return new ModelCatalog(chains);
  }

  /** Returns the models of a step in the order they are tried: its first model, then fallbacks. */
  public List<ModelRoute> chain(Step step) {
    return chains.get(step);
  }

  /**
   * Returns the chat model of a step's first model: the prompt writer, the text writer, a judge.
   *
   * @throws IllegalStateException when the step is not served by a chat model
   */
  public ChatModel chatModel(Step step) {
    ChatModel chat = chain(step).get(0).chat();
    if (chat == null) {
      throw new IllegalStateException(
          step + " is served by " + describe(step) + ", not a chat model");
    }
    return chat;
  }

  /**
   * Returns the image model of a step's first model.
   *
   * @throws IllegalStateException when the step is not served by an image model
   */
  public ImageModel imageModel(Step step) {
    ImageModel image = chain(step).get(0).image();
    if (image == null) {
      throw new IllegalStateException(
          step + " is served by " + describe(step) + ", not an image model");
    }
    return image;
  }

  /** Returns the settings of a step's first model, with the offline model name filled in. */
  public ModelSettings settings(Step step) {
    return chain(step).get(0).settings();
  }

  /** Returns the first model of a step as {@code provider/model}. */
  public String describe(Step step) {
    return settings(step).modelId();
  }

  /** Returns the first model of every step as {@code provider/model}. */
  public Map<Step, String> describeAll() {
    Map<Step, String> all = new EnumMap<>(Step.class);
    for (Step step : Step.values()) {
      all.put(step, describe(step));
    }
    return Collections.unmodifiableMap(all);
  }

  /** Returns the property prefix of a step, for example {@code conveyor.models.text-generation}. */
  public static String propertyOf(Step step) {
    return "conveyor.models." + step.name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** Returns the property prefix of a step's fallback, from 0. */
  public static String fallbackPropertyOf(Step step, int index) {
    return propertyOf(step) + ".fallbacks[" + index + "]";
  }

  private static ModelRoute route(
      Step step,
      ModelSettings settings,
      OfflineSettings offline,
      Function<String, String> environment) {
    if (settings.isOffline()) {
      ModelSettings named = settings.withModel(OfflineModels.nameFor(step));
      return switch (step) {
        case PROMPT -> new ModelRoute(named, new OfflinePromptWriter(offline.latency()), null);
        case TEXT_GENERATION ->
            new ModelRoute(named, new OfflineTextWriter(offline.latency()), null);
        case IMAGE_GENERATION ->
            new ModelRoute(named, null, new OfflineImageModel(offline.latency()));
        case TEXT_QA, VISION_QA -> new ModelRoute(named, null, null);
      };
    }
    String apiKey =
        settings.apiKeyEnv() == null
            ? ProviderClients.NO_KEY
            : environment.apply(settings.apiKeyEnv()).strip();
    if (step == Step.IMAGE_GENERATION) {
      return new ModelRoute(settings, null, ProviderClients.image(settings, apiKey));
    }
    return new ModelRoute(settings, ProviderClients.chat(settings, apiKey), null);
  }
}
