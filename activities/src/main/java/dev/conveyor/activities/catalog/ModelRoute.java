package dev.conveyor.activities.catalog;

import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.image.ImageModel;

/**
 * One model of a step's chain, ready to call.
 *
 * @param settings the model's settings, with the offline model's name filled in
 * @param chat its chat client, or null when it is not a chat model (image generation, offline QA)
 * @param image its image client, or null when it is not an image model
 */
public record ModelRoute(ModelSettings settings, ChatModel chat, ImageModel image) {

  /** Returns {@code provider/model}. */
  public String modelId() {
    return settings.modelId();
  }

  /** Returns whether this is a built-in offline model. */
  public boolean isOffline() {
    return settings.isOffline();
  }
}
