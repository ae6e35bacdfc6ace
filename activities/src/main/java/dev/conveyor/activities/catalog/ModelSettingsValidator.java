package dev.conveyor.activities.catalog;

import dev.conveyor.activities.offline.OfflineModels;
import dev.conveyor.workflow.model.Step;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.function.Function;

/**
 * Checks the settings of one step, its first model and each fallback, and reports the first mistake
 * as one line naming the property, for example {@code conveyor.models.text-generation.fallbacks[0]:
 * API key environment variable ANTHROPIC_API_KEY is not set}.
 */
final class ModelSettingsValidator {

  private ModelSettingsValidator() {}

  static void validate(Step step, ModelSettings settings, Function<String, String> environment) {
    validate(ModelCatalog.propertyOf(step), step, settings, environment);
  }

  static void validate(
      String property, Step step, ModelSettings settings, Function<String, String> environment) {
    check(property, step, settings, environment);
    for (int i = 0; i < settings.fallbacks().size(); i++) {
      ModelSettings fallback = settings.fallbacks().get(i);
      String fallbackProperty = ModelCatalog.fallbackPropertyOf(step, i);
      if (fallback == null) {
        throw new IllegalArgumentException(fallbackProperty + ": is empty");
      }
      if (!fallback.fallbacks().isEmpty()) {
        throw new IllegalArgumentException(
            fallbackProperty
                + ": a fallback cannot have fallbacks of its own; list them all under "
                + property
                + ".fallbacks");
      }
      check(fallbackProperty, step, fallback, environment);
    }
  }

  private static void check(
      String property, Step step, ModelSettings settings, Function<String, String> environment) {
    String problem = problem(step, settings, environment);
    if (problem != null) {
      throw new IllegalArgumentException(property + ": " + problem);
    }
  }

  private static String problem(
      Step step, ModelSettings settings, Function<String, String> environment) {
    String provider = settings.provider();
    if (!ModelSettings.PROVIDERS.contains(provider)) {
      return "provider '"
          + oneLine(provider)
          + "' is unknown (known: "
          + String.join(", ", ModelSettings.PROVIDERS)
          + ")";
    }
    if (step == Step.IMAGE_GENERATION && ModelSettings.ANTHROPIC.equals(provider)) {
      return "provider 'anthropic' cannot generate images (use offline, openai or gemini)";
    }
    if (settings.isOffline()) {
      String expected = OfflineModels.nameFor(step);
      if (settings.model() != null && !settings.model().equals(expected)) {
        return "model '"
            + oneLine(settings.model())
            + "' is not an offline model for this step (the offline model is "
            + expected
            + ")";
      }
      return null;
    }
    if (settings.model() == null) {
      return "model is required for provider '" + provider + "'";
    }
    if (settings.baseUrl() != null && !httpUrl(settings.baseUrl())) {
      return "base-url '" + oneLine(settings.baseUrl()) + "' is not an http or https URL";
    }
    if (settings.apiKeyEnv() != null) {
      String key = environment == null ? null : environment.apply(settings.apiKeyEnv());
      if (key == null || key.isBlank()) {
        return "API key environment variable " + oneLine(settings.apiKeyEnv()) + " is not set";
      }
    }
    if (settings.timeout().isNegative() || settings.timeout().isZero()) {
      return "timeout must be positive, was " + settings.timeout();
    }
    Double temperature = settings.temperature();
    if (temperature != null && !(temperature >= 0 && temperature <= 2)) {
      return "temperature must be between 0 and 2, was " + temperature;
    }
    if (settings.attempts() < 1) {
      return "attempts must be at least 1, was " + settings.attempts();
    }
    if (settings.maxTokens() != null && settings.maxTokens() <= 0) {
      return "max-tokens must be positive, was " + settings.maxTokens();
    }
    if (negative(settings.inputUsdPerMillion())) {
      return "input-usd-per-million must not be negative";
    }
    if (negative(settings.outputUsdPerMillion())) {
      return "output-usd-per-million must not be negative";
    }
    if (negative(settings.usdPerImage())) {
      return "usd-per-image must not be negative";
    }
    return null;
  }

  private static boolean httpUrl(String url) {
    try {
      URI uri = new URI(url);
      return ("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))
          && uri.getHost() != null;
    } catch (URISyntaxException e) {
      return false;
    }
  }

  private static boolean negative(BigDecimal price) {
    return price != null && price.signum() < 0;
  }

  private static String oneLine(String value) {
    return value.replaceAll("\\s+", " ");
  }
}
