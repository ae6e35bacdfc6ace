package dev.conveyor.activities.model;

import dev.conveyor.activities.offline.OfflineImageModel;
import dev.conveyor.activities.offline.OfflineModels;
import dev.conveyor.activities.offline.OfflinePromptWriter;
import dev.conveyor.activities.offline.OfflineSettings;
import dev.conveyor.activities.offline.OfflineTextWriter;
import dev.conveyor.workflow.model.Step;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.image.ImageModel;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * The model of every pipeline step, built and validated once. Steps without settings run on the
 * offline models. A configuration mistake is reported when the catalog is created, as one line that
 * names the property, for example {@code conveyor.models.text-generation: provider 'foo' is unknown
 * (known: offline, openai)}.
 */
public final class ModelCatalog {

  private final Map<Step, Route> routes;

  private record Route(ModelSettings settings, ChatModel chat, ImageModel image) {}

  private ModelCatalog(Map<Step, Route> routes) {
    this.routes = routes;
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
    Map<Step, Route> routes = new EnumMap<>(Step.class);
    for (Step step : Step.values()) {
      ModelSettings configured = settings == null ? null : settings.get(step);
      ModelSettings effective = configured == null ? ModelSettings.offline(null) : configured;
      routes.put(step, route(step, effective, offlineSettings, environment));
    }
    return new ModelCatalog(routes);
  }

  /**
   * Returns the chat model of a step: the prompt writer, the text writer, or an OpenAI judge.
   *
   * @throws IllegalStateException when the step is not served by a chat model
   */
  public ChatModel chatModel(Step step) {
    ChatModel chat = routes.get(step).chat();
    if (chat == null) {
      throw new IllegalStateException(
          step + " is served by " + describe(step) + ", not a chat model");
    }
    return chat;
  }

  /**
   * Returns the image model of a step.
   *
   * @throws IllegalStateException when the step is not served by an image model
   */
  public ImageModel imageModel(Step step) {
    ImageModel image = routes.get(step).image();
    if (image == null) {
      throw new IllegalStateException(
          step + " is served by " + describe(step) + ", not an image model");
    }
    return image;
  }

  /** Returns the settings of a step, with the offline model name filled in. */
  public ModelSettings settings(Step step) {
    return routes.get(step).settings();
  }

  /** Returns the model of a step as {@code provider/model}. */
  public String describe(Step step) {
    return settings(step).modelId();
  }

  /** Returns the model of every step as {@code provider/model}. */
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

  private static Route route(
      Step step,
      ModelSettings settings,
      OfflineSettings offline,
      Function<String, String> environment) {
    ModelSettingsValidator.validate(step, settings, environment);
    if (settings.isOffline()) {
      ModelSettings named = settings.withModel(OfflineModels.nameFor(step));
      return switch (step) {
        case PROMPT -> new Route(named, new OfflinePromptWriter(offline.latency()), null);
        case TEXT_GENERATION -> new Route(named, new OfflineTextWriter(offline.latency()), null);
        case IMAGE_GENERATION -> new Route(named, null, new OfflineImageModel(offline.latency()));
        case TEXT_QA, VISION_QA -> new Route(named, null, null);
      };
    }
    String apiKey =
        settings.apiKeyEnv() == null
            ? OpenAiModels.NO_KEY
            : environment.apply(settings.apiKeyEnv()).strip();
    if (step == Step.IMAGE_GENERATION) {
      return new Route(settings, null, OpenAiModels.image(settings, apiKey));
    }
    return new Route(settings, OpenAiModels.chat(settings, apiKey), null);
  }
}
