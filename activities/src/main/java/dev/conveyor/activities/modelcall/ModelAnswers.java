package dev.conveyor.activities.modelcall;

import dev.langchain4j.exception.ContentFilteredException;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.FinishReason;

/** Reads what a chat model answered, and rejects what a step cannot use. */
public final class ModelAnswers {

  private ModelAnswers() {}

  /**
   * Returns the text of an answer, stripped.
   *
   * @throws ContentFilteredException when the provider filtered the answer (a permanent refusal)
   * @throws UnusableAnswerException when the text is empty
   */
  public static String text(ModelChain.Turn turn, ChatResponse response, String whenEmpty) {
    if (response.finishReason() == FinishReason.CONTENT_FILTER) {
      throw new ContentFilteredException(turn.modelId() + " filtered the content");
    }
    String text = response.aiMessage() == null ? null : response.aiMessage().text();
    if (text == null || text.isBlank()) {
      throw new UnusableAnswerException(turn.modelId(), whenEmpty);
    }
    return text.strip();
  }
}
