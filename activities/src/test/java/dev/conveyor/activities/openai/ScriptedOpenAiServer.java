package dev.conveyor.activities.openai;

import dev.conveyor.activities.testing.ScriptedServer;
import dev.conveyor.activities.testing.Wire;
import java.io.IOException;
import java.util.List;

/**
 * An OpenAI-compatible server on 127.0.0.1, scripted by model name on the shared {@link
 * ScriptedServer}: what it answers depends on the {@code model} of the request.
 *
 * <ul>
 *   <li>{@code writer}: a chat completion served as {@link #SERVED_MODEL} with usage {@link
 *       #PROMPT_TOKENS}/{@link #COMPLETION_TOKENS}.
 *   <li>{@code judge-pass}, {@code judge-fail}: a JSON verdict; {@code judge-babble}: prose.
 *   <li>{@code locked}: HTTP 401; {@code broken}: HTTP 500; {@code throttled}: HTTP 429 with {@code
 *       Retry-After: 7}.
 *   <li>{@code painter-b64}, {@code painter-url}: an image as base64, or as a URL on this server.
 * </ul>
 */
final class ScriptedOpenAiServer implements AutoCloseable {

  static final String SERVED_MODEL = "writer-2025-01-01";
  static final int PROMPT_TOKENS = 1_200;
  static final int COMPLETION_TOKENS = 300;
  static final String WRITTEN_TEXT =
      "Conveyor is the durable pipeline for generative work, built on Temporal.";

  private final ScriptedServer server;

  ScriptedOpenAiServer(byte[] png) throws IOException {
    server = new ScriptedServer();
    String pictureUrl = server.file("/files/picture.png", "image/png", png);
    server
        .script("writer", completion(SERVED_MODEL, WRITTEN_TEXT))
        .script(
            "judge-pass",
            completion(
                "judge-pass",
                "{\"passed\": true, \"score\": 0.92, \"issues\": [], \"feedback\": \"Ready.\"}"))
        .script(
            "judge-fail",
            completion(
                "judge-fail",
                "{\"passed\": false, \"score\": 0.35, \"issues\": [\"no call to action\"],"
                    + " \"feedback\": \"End with a call to action.\"}"))
        .script("judge-babble", completion("judge-babble", "Looks great to me!"))
        .script("locked", Wire.error(401))
        .script("broken", Wire.error(500))
        .script("throttled", Wire.error(429).withHeader("Retry-After", "7"))
        .script("painter-b64", Wire.openAiImageBase64(png))
        .script("painter-url", Wire.openAiImageUrl(pictureUrl));
  }

  String baseUrl() {
    return server.url() + "/v1";
  }

  List<ScriptedServer.Recorded> requests() {
    return server.requests();
  }

  List<ScriptedServer.Recorded> requestsFor(String model) {
    return server.requestsFor(model);
  }

  @Override
  public void close() {
    server.close();
  }

  private static ScriptedServer.Reply completion(String servedModel, String content) {
    return Wire.openAiChat(servedModel, content, "stop", PROMPT_TOKENS, COMPLETION_TOKENS);
  }
}
