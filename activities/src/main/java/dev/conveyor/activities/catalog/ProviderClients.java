package dev.conveyor.activities.catalog;

import dev.langchain4j.model.anthropic.AnthropicChatModel;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.googleai.GoogleAiGeminiChatModel;
import dev.langchain4j.model.googleai.GoogleAiGeminiImageModel;
import dev.langchain4j.model.image.ImageModel;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.model.openai.OpenAiImageModel;

/**
 * Builds LangChain4j's clients of the real providers from settings. The clients never retry ({@code
 * maxRetries(0)}): Temporal owns retries, with backoff, {@code Retry-After} and a visible attempt
 * count, and a client's own retry loop would multiply them. Every client uses the JDK HTTP client
 * through {@link RetryAfterHttpClient}, so a throttled call's {@code Retry-After} is known.
 */
final class ProviderClients {

  /** Sent to local servers that need no key; the OpenAI client refuses to start without one. */
  static final String NO_KEY = "not-needed";

  private ProviderClients() {}

  static ChatModel chat(ModelSettings settings, String apiKey) {
    return switch (settings.provider()) {
      case ModelSettings.OPENAI ->
          OpenAiChatModel.builder()
              .httpClientBuilder(RetryAfterHttpClient.builder())
              .baseUrl(settings.baseUrl())
              .apiKey(apiKey)
              .modelName(settings.model())
              .timeout(settings.timeout())
              .temperature(settings.temperature())
              .maxTokens(settings.maxTokens())
              .maxRetries(0)
              .build();
      case ModelSettings.ANTHROPIC ->
          AnthropicChatModel.builder()
              .httpClientBuilder(RetryAfterHttpClient.builder())
              .baseUrl(settings.baseUrl())
              .apiKey(apiKey)
              .modelName(settings.model())
              .timeout(settings.timeout())
              .temperature(settings.temperature())
              // Anthropic requires max_tokens on every request.
              .maxTokens(settings.maxTokens() == null ? 4_096 : settings.maxTokens())
              .maxRetries(0)
              .build();
      case ModelSettings.GEMINI ->
          GoogleAiGeminiChatModel.builder()
              .httpClientBuilder(RetryAfterHttpClient.builder())
              .baseUrl(settings.baseUrl())
              .apiKey(apiKey)
              .modelName(settings.model())
              .timeout(settings.timeout())
              .temperature(settings.temperature())
              .maxOutputTokens(settings.maxTokens())
              .maxRetries(0)
              .build();
      default -> throw new IllegalArgumentException("no chat client for " + settings.provider());
    };
  }

  static ImageModel image(ModelSettings settings, String apiKey) {
    return switch (settings.provider()) {
      case ModelSettings.OPENAI ->
          OpenAiImageModel.builder()
              .httpClientBuilder(RetryAfterHttpClient.builder())
              .baseUrl(settings.baseUrl())
              .apiKey(apiKey)
              .modelName(settings.model())
              .timeout(settings.timeout())
              .maxRetries(0)
              .build();
      case ModelSettings.GEMINI ->
          GoogleAiGeminiImageModel.builder()
              .httpClientBuilder(RetryAfterHttpClient.builder())
              .baseUrl(settings.baseUrl())
              .apiKey(apiKey)
              .modelName(settings.model())
              .timeout(settings.timeout())
              .maxRetries(0)
              .build();
      default -> throw new IllegalArgumentException("no image client for " + settings.provider());
    };
  }
}
