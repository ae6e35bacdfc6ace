package dev.conveyor.activities.catalog;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * The model of one pipeline step, as configured under {@code conveyor.models.<step>}. Null fields
 * take defaults; {@link ModelCatalog#create} validates the result.
 *
 * @param provider {@code offline} (the default), {@code openai} (OpenAI or any OpenAI-compatible
 *     server), {@code anthropic} or {@code gemini}
 * @param model the model name; for {@code offline}, the step's built-in model when null
 * @param baseUrl the OpenAI-compatible endpoint, for example {@code http://localhost:11434/v1} for
 *     Ollama; null for OpenAI itself
 * @param apiKeyEnv the environment variable holding the API key; defaults to {@code OPENAI_API_KEY}
 *     for OpenAI itself (null for another OpenAI-compatible server without keys), {@code
 *     ANTHROPIC_API_KEY} for Anthropic and {@code GEMINI_API_KEY} for Gemini
 * @param timeout how long one call may take (default 60 seconds)
 * @param temperature the sampling temperature, null for the model's default
 * @param maxTokens the most output tokens per call, null for the model's default
 * @param inputUsdPerMillion the price of a million input tokens in US dollars; when none of the
 *     three prices is set, the price table {@code conveyor.pricing.models} gives them
 * @param outputUsdPerMillion the price of a million output tokens in US dollars
 * @param usdPerImage the price of one generated image in US dollars
 * @param attempts how many transient failures in a row (rate limits, server errors, timeouts) this
 *     model may have before the step moves on to its next model (default 3)
 * @param fallbacks the models tried in order when this one rejects the call for good or runs out of
 *     attempts (default none); a fallback's own fallbacks are not used
 */
public record ModelSettings(
    String provider,
    String model,
    String baseUrl,
    String apiKeyEnv,
    Duration timeout,
    Double temperature,
    Integer maxTokens,
    BigDecimal inputUsdPerMillion,
    BigDecimal outputUsdPerMillion,
    BigDecimal usdPerImage,
    Integer attempts,
    List<ModelSettings> fallbacks) {

  /** The built-in provider: deterministic models that run in the worker, free of charge. */
  public static final String OFFLINE = "offline";

  /** Any server that speaks the OpenAI API. */
  public static final String OPENAI = "openai";

  /** Anthropic's Messages API. */
  public static final String ANTHROPIC = "anthropic";

  /** Google's Gemini API. */
  public static final String GEMINI = "gemini";

  /** Every provider, as configured. */
  public static final List<String> PROVIDERS = List.of(OFFLINE, OPENAI, ANTHROPIC, GEMINI);

  /** The API key variable of OpenAI itself. */
  public static final String OPENAI_API_KEY = "OPENAI_API_KEY";

  /** The API key variable of Anthropic. */
  public static final String ANTHROPIC_API_KEY = "ANTHROPIC_API_KEY";

  /** The API key variable of Gemini. */
  public static final String GEMINI_API_KEY = "GEMINI_API_KEY";

  /** How many transient failures in a row a model may have when nothing is configured. */
  public static final int DEFAULT_ATTEMPTS = 3;

  /** How long a call may take when nothing is configured. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

  private static final BigDecimal MILLION = BigDecimal.valueOf(1_000_000);

  public ModelSettings {
    provider =
        provider == null || provider.isBlank()
            ? OFFLINE
            : provider.strip().toLowerCase(Locale.ROOT);
    model = blankToNull(model);
    baseUrl = blankToNull(baseUrl);
    apiKeyEnv = blankToNull(apiKeyEnv);
    if (apiKeyEnv == null) {
      apiKeyEnv =
          switch (provider) {
            case OPENAI -> baseUrl == null ? OPENAI_API_KEY : null;
            case ANTHROPIC -> ANTHROPIC_API_KEY;
            case GEMINI -> GEMINI_API_KEY;
            default -> null;
          };
    }
    timeout = timeout == null ? DEFAULT_TIMEOUT : timeout;
    attempts = attempts == null ? DEFAULT_ATTEMPTS : attempts;
    fallbacks = fallbacks == null ? List.of() : List.copyOf(fallbacks);
  }

  /** Returns the settings of a built-in offline model. */
  public static ModelSettings offline(String model) {
    return new ModelSettings(
        OFFLINE, model, null, null, null, null, null, null, null, null, null, null);
  }

  /** Returns a copy that names another model. */
  public ModelSettings withModel(String otherModel) {
    return new ModelSettings(
        provider,
        otherModel,
        baseUrl,
        apiKeyEnv,
        timeout,
        temperature,
        maxTokens,
        inputUsdPerMillion,
        outputUsdPerMillion,
        usdPerImage,
        attempts,
        fallbacks);
  }

  /** Returns a copy with other fallbacks. */
  public ModelSettings withFallbacks(List<ModelSettings> otherFallbacks) {
    return new ModelSettings(
        provider,
        model,
        baseUrl,
        apiKeyEnv,
        timeout,
        temperature,
        maxTokens,
        inputUsdPerMillion,
        outputUsdPerMillion,
        usdPerImage,
        attempts,
        otherFallbacks);
  }

  /** Returns whether any of the three prices is set here. */
  public boolean isPriced() {
    return inputUsdPerMillion != null || outputUsdPerMillion != null || usdPerImage != null;
  }

  /** Returns a copy with the given prices. */
  public ModelSettings withPrice(ModelPrice price) {
    return new ModelSettings(
        provider,
        model,
        baseUrl,
        apiKeyEnv,
        timeout,
        temperature,
        maxTokens,
        price.inputPerMillion(),
        price.outputPerMillion(),
        price.perImage(),
        attempts,
        fallbacks);
  }

  /** Returns the prices set here, zero where one is not. */
  public ModelPrice price() {
    return new ModelPrice(inputUsdPerMillion, outputUsdPerMillion, usdPerImage);
  }

  /** Returns whether the step runs on the built-in offline models. */
  public boolean isOffline() {
    return OFFLINE.equals(provider);
  }

  /** Returns {@code provider/model}. */
  public String modelId() {
    return provider + "/" + model;
  }

  /**
   * Returns what a call cost at these prices: tokens times the price per million, plus images times
   * the price per image. Offline calls are free.
   */
  public BigDecimal costUsd(long inputTokens, long outputTokens, int images) {
    if (isOffline()) {
      return BigDecimal.ZERO;
    }
    ModelPrice price = price();
    BigDecimal cost =
        BigDecimal.valueOf(inputTokens)
            .multiply(price.inputPerMillion())
            .add(BigDecimal.valueOf(outputTokens).multiply(price.outputPerMillion()))
            .divide(MILLION)
            .add(BigDecimal.valueOf(images).multiply(price.perImage()));
    return cost.signum() == 0 ? BigDecimal.ZERO : cost.stripTrailingZeros();
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }
}
