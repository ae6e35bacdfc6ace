package dev.conveyor.activities.model;

import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.image.ImageModel;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.model.openai.OpenAiImageModel;

/**
 * Builds LangChain4j's OpenAI clients from settings. The clients never retry ({@code
 * maxRetries(0)}): Temporal owns retries, with backoff and a visible attempt count, and a client's
 * own retry loop would multiply them.
 */
final class OpenAiModels {

  /** Sent to local servers that need no key; the client refuses to start without one. */
  static final String NO_KEY = "not-needed";

  private OpenAiModels() {}

  static ChatModel chat(ModelSettings settings, String apiKey) {
    return OpenAiChatModel.builder()
        .baseUrl(settings.baseUrl())
        .apiKey(apiKey)
        .modelName(settings.model())
        .timeout(settings.timeout())
        .temperature(settings.temperature())
        .maxTokens(settings.maxTokens())
        .maxRetries(0)
        .build();
  }

  static ImageModel image(ModelSettings settings, String apiKey) {
    return OpenAiImageModel.builder()
        .baseUrl(settings.baseUrl())
        .apiKey(apiKey)
        .modelName(settings.model())
        .timeout(settings.timeout())
        .maxRetries(0)
        .build();
  }
}
