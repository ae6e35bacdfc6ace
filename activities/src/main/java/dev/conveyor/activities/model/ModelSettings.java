package dev.conveyor.activities.model;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Locale;

/**
 * The model of one pipeline step, as configured under {@code conveyor.models.<step>}. Null fields
 * take defaults; {@link ModelCatalog#create} validates the result.
 *
 * @param provider {@code offline} (the default) or {@code openai}
 * @param model the model name; for {@code offline}, the step's built-in model when null
 * @param baseUrl the OpenAI-compatible endpoint, for example {@code http://localhost:11434/v1} for
 *     Ollama; null for OpenAI itself
 * @param apiKeyEnv the environment variable holding the API key; defaults to {@code OPENAI_API_KEY}
 *     for OpenAI itself, and may stay null for a local server without keys
 * @param timeout how long one call may take (default 60 seconds)
 * @param temperature the sampling temperature, null for the model's default
 * @param maxTokens the most output tokens per call, null for the model's default
 * @param inputUsdPerMillion the price of a million input tokens in US dollars (default 0)
 * @param outputUsdPerMillion the price of a million output tokens in US dollars (default 0)
 * @param usdPerImage the price of one generated image in US dollars (default 0)
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
    BigDecimal usdPerImage) {

  /** The built-in provider: deterministic models that run in the worker, free of charge. */
  public static final String OFFLINE = "offline";

  /** Any server that speaks the OpenAI API. */
  public static final String OPENAI = "openai";

  /** The API key variable of OpenAI itself. */
  public static final String OPENAI_API_KEY = "OPENAI_API_KEY";

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
    if (apiKeyEnv == null && OPENAI.equals(provider) && baseUrl == null) {
      apiKeyEnv = OPENAI_API_KEY;
    }
    timeout = timeout == null ? DEFAULT_TIMEOUT : timeout;
    inputUsdPerMillion = inputUsdPerMillion == null ? BigDecimal.ZERO : inputUsdPerMillion;
    outputUsdPerMillion = outputUsdPerMillion == null ? BigDecimal.ZERO : outputUsdPerMillion;
    usdPerImage = usdPerImage == null ? BigDecimal.ZERO : usdPerImage;
  }

  /** Returns the settings of a built-in offline model. */
  public static ModelSettings offline(String model) {
    return new ModelSettings(OFFLINE, model, null, null, null, null, null, null, null, null);
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
        usdPerImage);
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
    BigDecimal cost =
        BigDecimal.valueOf(inputTokens)
            .multiply(inputUsdPerMillion)
            .add(BigDecimal.valueOf(outputTokens).multiply(outputUsdPerMillion))
            .divide(MILLION)
            .add(BigDecimal.valueOf(images).multiply(usdPerImage));
    return cost.signum() == 0 ? BigDecimal.ZERO : cost.stripTrailingZeros();
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }
}
