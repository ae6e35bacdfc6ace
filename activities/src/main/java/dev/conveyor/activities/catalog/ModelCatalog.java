package dev.conveyor.activities.catalog;

import dev.conveyor.activities.offline.OfflineCodeWriter;
import dev.conveyor.activities.offline.OfflineImageModel;
import dev.conveyor.activities.offline.OfflineModels;
import dev.conveyor.activities.offline.OfflinePromptWriter;
import dev.conveyor.activities.offline.OfflineSettings;
import dev.conveyor.activities.offline.OfflineTextWriter;
import dev.conveyor.workflow.model.JobRequest;
import dev.conveyor.workflow.model.ModelTier;
import dev.conveyor.workflow.model.Step;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.image.ImageModel;
import io.temporal.failure.ApplicationFailure;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The models of every pipeline step, built and validated once: each step has a chain, its first
 * model followed by its fallbacks in order. Steps without settings run on the offline models. A
 * configuration mistake is reported when the catalog is created, as one line that names the
 * property, for example {@code conveyor.models.text-generation.fallbacks[0]: provider 'foo' is
 * unknown (known: offline, openai, anthropic, gemini)}.
 *
 * <p>Each step also has an economy chain, which the budget switches to: the step's economy model
 * ({@code conveyor.budget.economy.<step>}, the step's offline model when none is set) followed by
 * the step's fallbacks. Every model gets its prices from its own settings or the {@link
 * PriceTable}.
 */
public final class ModelCatalog {

  /** The failure type of a call naming a routing profile the worker does not know. */
  public static final String UNKNOWN_PROFILE = "UnknownProfile";

  private final Map<Step, List<ModelRoute>> chains;
  private final Map<Step, List<ModelRoute>> economyChains;
  private final Map<String, ModelCatalog> profiles;

  private ModelCatalog(
      Map<Step, List<ModelRoute>> chains,
      Map<Step, List<ModelRoute>> economyChains,
      Map<String, ModelCatalog> profiles) {
    this.chains = chains;
    this.economyChains = economyChains;
    this.profiles = profiles;
  }

  /**
   * Returns this catalog as the {@code default} routing profile, beside the named ones.
   *
   * @param named the catalog of each further profile, by name; a profile's own profiles are ignored
   * @throws IllegalArgumentException when a profile is named {@code default}
   */
  public ModelCatalog withProfiles(Map<String, ModelCatalog> named) {
    Map<String, ModelCatalog> copy = new TreeMap<>();
    named.forEach(
        (name, catalog) -> {
          if (JobRequest.DEFAULT_PROFILE.equals(name)) {
            throw new IllegalArgumentException(
                "conveyor.profiles.default: 'default' is conveyor.models itself; name the profile"
                    + " otherwise");
          }
          copy.put(name, new ModelCatalog(catalog.chains, catalog.economyChains, Map.of()));
        });
    return new ModelCatalog(chains, economyChains, Collections.unmodifiableMap(copy));
  }

  /** Returns the names of the routing profiles: {@code default} first, then the others sorted. */
  public List<String> profileNames() {
    List<String> names = new ArrayList<>();
    names.add(JobRequest.DEFAULT_PROFILE);
    names.addAll(profiles.keySet());
    return List.copyOf(names);
  }

  /**
   * Returns the catalog of a routing profile: this one for null or {@code default}.
   *
   * @throws ApplicationFailure non-retryable, of type {@value #UNKNOWN_PROFILE}, when the worker
   *     knows no such profile: no retry of the call could change that
   */
  public ModelCatalog profile(String name) {
    if (name == null || JobRequest.DEFAULT_PROFILE.equals(name)) {
      return this;
    }
    ModelCatalog named = profiles.get(name);
    if (named == null) {
      throw ApplicationFailure.newNonRetryableFailure(
          "routing profile '"
              + name
              + "' is unknown to this worker (known: "
              + profileNames()
              + ")",
          UNKNOWN_PROFILE);
    }
    return named;
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
    return create(settings, Map.of(), PriceTable.empty(), offline, environment);
  }

  /**
   * Creates the catalog with economy models and a price table.
   *
   * @param settings the settings of the configured steps; the others use the offline models
   * @param economy the economy model of each step, which the budget may switch to; steps left out
   *     switch to their offline model
   * @param prices the prices of models whose settings name none
   * @param offline how the offline models behave
   * @param environment reads an environment variable, usually {@code System::getenv}
   * @throws IllegalArgumentException with a one-line message when a setting is invalid
   */
  public static ModelCatalog create(
      Map<Step, ModelSettings> settings,
      Map<Step, ModelSettings> economy,
      PriceTable prices,
      OfflineSettings offline,
      Function<String, String> environment) {
    OfflineSettings offlineSettings = offline == null ? OfflineSettings.defaults() : offline;
    PriceTable table = prices == null ? PriceTable.empty() : prices;
    Map<Step, List<ModelRoute>> chains = new EnumMap<>(Step.class);
    Map<Step, List<ModelRoute>> economyChains = new EnumMap<>(Step.class);
    for (Step step : Step.values()) {
      ModelSettings configured = settings == null ? null : settings.get(step);
      ModelSettings effective = configured == null ? ModelSettings.offline(null) : configured;
      ModelSettingsValidator.validate(step, effective, environment);
      List<ModelRoute> fallbacks = new ArrayList<>();
      for (ModelSettings fallback : effective.fallbacks()) {
        fallbacks.add(route(step, table.price(fallback), offlineSettings, environment));
      }
      List<ModelRoute> chain = new ArrayList<>();
      chain.add(
          route(
              step, table.price(effective.withFallbacks(List.of())), offlineSettings, environment));
      chain.addAll(fallbacks);
      chains.put(step, List.copyOf(chain));

      ModelSettings cheaper = economy == null ? null : economy.get(step);
      List<ModelRoute> economyChain = new ArrayList<>();
      if (cheaper == null) {
        economyChain.add(route(step, ModelSettings.offline(null), offlineSettings, environment));
      } else {
        String property = economyPropertyOf(step);
        ModelSettingsValidator.validate(property, step, cheaper, environment);
        if (!cheaper.fallbacks().isEmpty()) {
          throw new IllegalArgumentException(
              property
                  + ": an economy model has no fallbacks of its own; it falls back on "
                  + propertyOf(step)
                  + ".fallbacks");
        }
        economyChain.add(route(step, table.price(cheaper), offlineSettings, environment));
        economyChain.addAll(fallbacks);
      }
      economyChains.put(step, List.copyOf(economyChain));
    }
    return new ModelCatalog(chains, economyChains, Map.of());
  }

  /** Returns the models of a step in the order they are tried: its first model, then fallbacks. */
  public List<ModelRoute> chain(Step step) {
    return chains.get(step);
  }

  /** Returns the models of a step on a tier, in the order they are tried. */
  public List<ModelRoute> chain(Step step, ModelTier tier) {
    return ModelTier.orStandard(tier) == ModelTier.ECONOMY
        ? economyChains.get(step)
        : chains.get(step);
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

  /**
   * Returns the property of a step's economy model, e.g. {@code conveyor.budget.economy.prompt}.
   */
  public static String economyPropertyOf(Step step) {
    return "conveyor.budget.economy." + step.name().toLowerCase(Locale.ROOT).replace('_', '-');
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
        case CODE_GENERATION ->
            new ModelRoute(named, new OfflineCodeWriter(offline.latency()), null);
        case TEXT_QA, VISION_QA, CODE_QA -> new ModelRoute(named, null, null);
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
