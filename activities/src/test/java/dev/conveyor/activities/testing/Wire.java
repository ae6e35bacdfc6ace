package dev.conveyor.activities.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.conveyor.activities.testing.ScriptedServer.Reply;
import java.util.Base64;

/** The answers of the providers' wire formats: OpenAI, Anthropic Messages, Gemini. */
public final class Wire {

  private static final ObjectMapper JSON = new ObjectMapper();

  private Wire() {}

  /** An OpenAI chat completion; {@code finishReason} is {@code stop} or {@code content_filter}. */
  public static Reply openAiChat(
      String servedModel, String text, String finishReason, int inputTokens, int outputTokens) {
    ObjectNode answer =
        JSON.createObjectNode()
            .put("id", "chatcmpl-1")
            .put("object", "chat.completion")
            .put("created", 1_700_000_000)
            .put("model", servedModel);
    ObjectNode choice = answer.putArray("choices").addObject().put("index", 0);
    choice.putObject("message").put("role", "assistant").put("content", text);
    choice.put("finish_reason", finishReason);
    answer
        .putObject("usage")
        .put("prompt_tokens", inputTokens)
        .put("completion_tokens", outputTokens)
        .put("total_tokens", inputTokens + outputTokens);
    return Reply.json(200, answer);
  }

  /** An OpenAI image answered as base64. */
  public static Reply openAiImageBase64(byte[] image) {
    ObjectNode answer = JSON.createObjectNode().put("created", 1_700_000_000);
    answer.putArray("data").addObject().put("b64_json", Base64.getEncoder().encodeToString(image));
    return Reply.json(200, answer);
  }

  /** An OpenAI image answered as a URL. */
  public static Reply openAiImageUrl(String url) {
    ObjectNode answer = JSON.createObjectNode().put("created", 1_700_000_000);
    answer.putArray("data").addObject().put("url", url);
    return Reply.json(200, answer);
  }

  /** An Anthropic message; {@code stopReason} is {@code end_turn}, {@code refusal}, ... */
  public static Reply anthropicMessage(
      String servedModel, String text, String stopReason, int inputTokens, int outputTokens) {
    ObjectNode answer =
        JSON.createObjectNode()
            .put("id", "msg_1")
            .put("type", "message")
            .put("role", "assistant")
            .put("model", servedModel);
    answer.putArray("content").addObject().put("type", "text").put("text", text);
    answer.put("stop_reason", stopReason);
    answer.putObject("usage").put("input_tokens", inputTokens).put("output_tokens", outputTokens);
    return Reply.json(200, answer);
  }

  /** A Gemini generateContent answer with text; {@code finishReason} is {@code STOP}, ... */
  public static Reply geminiText(
      String servedModel, String text, String finishReason, int inputTokens, int outputTokens) {
    ObjectNode answer = JSON.createObjectNode();
    ObjectNode candidate = answer.putArray("candidates").addObject();
    ObjectNode content = candidate.putObject("content").put("role", "model");
    content.putArray("parts").addObject().put("text", text);
    candidate.put("finishReason", finishReason);
    answer
        .putObject("usageMetadata")
        .put("promptTokenCount", inputTokens)
        .put("candidatesTokenCount", outputTokens)
        .put("totalTokenCount", inputTokens + outputTokens);
    answer.put("modelVersion", servedModel);
    return Reply.json(200, answer);
  }

  /** A Gemini generateContent answer with an image as inline data. */
  public static Reply geminiImage(byte[] image, int inputTokens, int outputTokens) {
    ObjectNode answer = JSON.createObjectNode();
    ObjectNode candidate = answer.putArray("candidates").addObject();
    ObjectNode content = candidate.putObject("content").put("role", "model");
    content
        .putArray("parts")
        .addObject()
        .putObject("inlineData")
        .put("mimeType", "image/png")
        .put("data", Base64.getEncoder().encodeToString(image));
    candidate.put("finishReason", "STOP");
    answer
        .putObject("usageMetadata")
        .put("promptTokenCount", inputTokens)
        .put("candidatesTokenCount", outputTokens)
        .put("totalTokenCount", inputTokens + outputTokens);
    return Reply.json(200, answer);
  }

  /** An error answer in the shape all three providers use. */
  public static Reply error(int status) {
    ObjectNode answer = JSON.createObjectNode();
    answer
        .putObject("error")
        .put("message", "scripted failure " + status)
        .put("type", "scripted")
        .put("code", status);
    return Reply.json(status, answer);
  }

  /** A verdict as a judge writes it. */
  public static String verdict(boolean passed, double score, String feedback) {
    return "{\"passed\": "
        + passed
        + ", \"score\": "
        + score
        + ", \"issues\": "
        + (passed ? "[]" : "[\"" + feedback + "\"]")
        + ", \"feedback\": \""
        + feedback
        + "\"}";
  }
}
