package dev.conveyor.activities.testing;

import dev.conveyor.activities.catalog.ModelSettings;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;

/** Model settings pointing at a scripted server. */
public final class Models {

  /** The environment the tests' catalogs read: every provider's key variable is set. */
  public static final Function<String, String> KEYS = name -> "key-of-" + name;

  private Models() {}

  public static ModelSettings openAi(ScriptedServer server, String model) {
    return settings("openai", model, server.url() + "/v1", "TEST_OPENAI_KEY", 10, null);
  }

  public static ModelSettings anthropic(ScriptedServer server, String model) {
    return settings("anthropic", model, server.url() + "/v1/", "TEST_ANTHROPIC_KEY", 10, null);
  }

  public static ModelSettings gemini(ScriptedServer server, String model) {
    return settings("gemini", model, server.url() + "/v1beta", "TEST_GEMINI_KEY", 10, null);
  }

  public static ModelSettings offline() {
    return ModelSettings.offline(null);
  }

  /** Returns settings with a timeout in seconds and a number of attempts (null for 3). */
  public static ModelSettings settings(
      String provider,
      String model,
      String baseUrl,
      String keyEnv,
      int timeoutSeconds,
      Integer attempts) {
    return new ModelSettings(
        provider,
        model,
        baseUrl,
        keyEnv,
        Duration.ofSeconds(timeoutSeconds),
        0.2,
        500,
        new BigDecimal("1"),
        new BigDecimal("2"),
        new BigDecimal("0.04"),
        attempts,
        null);
  }

  /** Returns a model with a timeout. */
  public static ModelSettings withTimeout(ModelSettings settings, Duration timeout) {
    return new ModelSettings(
        settings.provider(),
        settings.model(),
        settings.baseUrl(),
        settings.apiKeyEnv(),
        timeout,
        settings.temperature(),
        settings.maxTokens(),
        settings.inputUsdPerMillion(),
        settings.outputUsdPerMillion(),
        settings.usdPerImage(),
        settings.attempts(),
        null);
  }

  /** Returns a model followed by fallbacks. */
  public static ModelSettings chain(ModelSettings first, ModelSettings... fallbacks) {
    return first.withFallbacks(List.of(fallbacks));
  }
}
