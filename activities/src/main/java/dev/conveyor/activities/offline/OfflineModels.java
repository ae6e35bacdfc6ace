package dev.conveyor.activities.offline;

import dev.conveyor.activities.brief.Briefs;
import dev.conveyor.workflow.model.Step;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.FinishReason;
import dev.langchain4j.model.output.TokenUsage;
import java.time.Duration;
import java.util.concurrent.CancellationException;

/** The names of the offline models, and what they have in common. */
public final class OfflineModels {

  public static final String PROMPT_WRITER = "conveyor-prompt-writer";
  public static final String TEXT_WRITER = "conveyor-text-writer";
  public static final String PAINTER = "conveyor-painter";
  public static final String TEXT_CHECKS = "conveyor-text-checks";
  public static final String IMAGE_CHECKS = "conveyor-image-checks";
  public static final String CODE_WRITER = "conveyor-code-writer";
  public static final String CODE_CHECKS = "conveyor-code-checks";
  public static final String CROSS_PART_JUDGE = "conveyor-cross-part-judge";

  private OfflineModels() {}

  /** Returns the offline model that serves a step. */
  public static String nameFor(Step step) {
    return switch (step) {
      case PROMPT -> PROMPT_WRITER;
      case TEXT_GENERATION -> TEXT_WRITER;
      case IMAGE_GENERATION -> PAINTER;
      case TEXT_QA -> TEXT_CHECKS;
      case VISION_QA -> IMAGE_CHECKS;
      case CODE_GENERATION -> CODE_WRITER;
      case CODE_QA -> CODE_CHECKS;
    };
  }

  /** Estimates the tokens of a text the way most tokenizers come out on English: 4 characters. */
  public static int estimateTokens(String text) {
    return text == null || text.isEmpty() ? 0 : (text.length() + 3) / 4;
  }

  /** Waits for the simulated duration of a call; an interrupt ends the wait with a cancellation. */
  public static void simulateLatency(Duration latency) {
    if (latency == null || latency.isZero()) {
      return;
    }
    try {
      Thread.sleep(latency.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CancellationException("the offline model call was interrupted");
    }
  }

  /** Returns all the text a request sends, for the input token estimate. */
  static String inputText(ChatRequest request) {
    StringBuilder text = new StringBuilder();
    for (ChatMessage message : request.messages()) {
      if (message instanceof SystemMessage system) {
        text.append(system.text()).append('\n');
      }
    }
    return text.append(Briefs.userText(request)).toString();
  }

  /** Returns a chat response with estimated token usage. */
  static ChatResponse response(String model, String input, String output) {
    return ChatResponse.builder()
        .aiMessage(AiMessage.from(output))
        .modelName(model)
        .tokenUsage(new TokenUsage(estimateTokens(input), estimateTokens(output)))
        .finishReason(FinishReason.STOP)
        .build();
  }
}
