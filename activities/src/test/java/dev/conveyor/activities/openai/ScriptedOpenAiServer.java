package dev.conveyor.activities.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An OpenAI-compatible server on 127.0.0.1, scripted by model name: what it answers depends on the
 * {@code model} of the request. It records every request for assertions.
 *
 * <ul>
 *   <li>{@code writer}: a chat completion served as {@link #SERVED_MODEL} with usage {@link
 *       #PROMPT_TOKENS}/{@link #COMPLETION_TOKENS}.
 *   <li>{@code judge-pass}, {@code judge-fail}: a JSON verdict; {@code judge-babble}: prose.
 *   <li>{@code locked}: HTTP 401; {@code broken}: HTTP 500; {@code throttled}: HTTP 429.
 *   <li>{@code painter-b64}, {@code painter-url}: an image as base64, or as a URL on this server.
 * </ul>
 */
final class ScriptedOpenAiServer implements AutoCloseable {

  static final String SERVED_MODEL = "writer-2025-01-01";
  static final int PROMPT_TOKENS = 1_200;
  static final int COMPLETION_TOKENS = 300;
  static final String WRITTEN_TEXT =
      "Conveyor is the durable pipeline for generative work, built on Temporal.";

  /** A recorded request. */
  record Recorded(String path, String authorization, JsonNode body) {}

  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpServer server;
  private final byte[] png;
  private final List<Recorded> requests = new CopyOnWriteArrayList<>();

  ScriptedOpenAiServer(byte[] png) throws IOException {
    this.png = png;
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/v1/chat/completions", this::chat);
    server.createContext("/v1/images/generations", this::images);
    server.createContext("/files/picture.png", this::file);
    server.start();
  }

  String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
  }

  List<Recorded> requests() {
    return List.copyOf(requests);
  }

  List<Recorded> requestsFor(String model) {
    return requests.stream().filter(r -> model.equals(r.body().path("model").asText())).toList();
  }

  @Override
  public void close() {
    server.stop(0);
  }

  private void chat(HttpExchange exchange) throws IOException {
    JsonNode body = record(exchange);
    String model = body.path("model").asText();
    switch (model) {
      case "writer" -> completion(exchange, SERVED_MODEL, WRITTEN_TEXT);
      case "judge-pass" ->
          completion(
              exchange,
              model,
              "{\"passed\": true, \"score\": 0.92, \"issues\": [], \"feedback\": \"Ready.\"}");
      case "judge-fail" ->
          completion(
              exchange,
              model,
              "{\"passed\": false, \"score\": 0.35, \"issues\": [\"no call to action\"],"
                  + " \"feedback\": \"End with a call to action.\"}");
      case "judge-babble" -> completion(exchange, model, "Looks great to me!");
      default -> error(exchange, model);
    }
  }

  private void images(HttpExchange exchange) throws IOException {
    JsonNode body = record(exchange);
    String model = body.path("model").asText();
    ObjectNode image = JSON.createObjectNode();
    switch (model) {
      case "painter-b64" -> image.put("b64_json", Base64.getEncoder().encodeToString(png));
      case "painter-url" -> image.put("url", baseUrl().replace("/v1", "") + "/files/picture.png");
      default -> {
        error(exchange, model);
        return;
      }
    }
    ObjectNode answer = JSON.createObjectNode().put("created", 1_700_000_000);
    answer.putArray("data").add(image);
    send(exchange, 200, "application/json", JSON.writeValueAsBytes(answer));
  }

  private void file(HttpExchange exchange) throws IOException {
    requests.add(new Recorded(exchange.getRequestURI().getPath(), null, JSON.createObjectNode()));
    send(exchange, 200, "image/png", png);
  }

  private void completion(HttpExchange exchange, String servedModel, String content)
      throws IOException {
    ObjectNode answer =
        JSON.createObjectNode()
            .put("id", "chatcmpl-1")
            .put("object", "chat.completion")
            .put("created", 1_700_000_000)
            .put("model", servedModel);
    ObjectNode choice = answer.putArray("choices").addObject().put("index", 0);
    choice.putObject("message").put("role", "assistant").put("content", content);
    choice.put("finish_reason", "stop");
    answer
        .putObject("usage")
        .put("prompt_tokens", PROMPT_TOKENS)
        .put("completion_tokens", COMPLETION_TOKENS)
        .put("total_tokens", PROMPT_TOKENS + COMPLETION_TOKENS);
    send(exchange, 200, "application/json", JSON.writeValueAsBytes(answer));
  }

  private void error(HttpExchange exchange, String model) throws IOException {
    int status =
        switch (model) {
          case "locked" -> 401;
          case "throttled" -> 429;
          case "broken" -> 500;
          default -> 404;
        };
    if (status == 429) {
      exchange.getResponseHeaders().add("Retry-After", "7");
    }
    String message = "scripted failure for model " + model;
    ObjectNode answer = JSON.createObjectNode();
    answer.putObject("error").put("message", message).put("type", "scripted").put("code", status);
    send(exchange, status, "application/json", JSON.writeValueAsBytes(answer));
  }

  private JsonNode record(HttpExchange exchange) throws IOException {
    byte[] bytes = exchange.getRequestBody().readAllBytes();
    JsonNode body = JSON.readTree(new String(bytes, StandardCharsets.UTF_8));
    requests.add(
        new Recorded(
            exchange.getRequestURI().getPath(),
            exchange.getRequestHeaders().getFirst("Authorization"),
            body));
    return body;
  }

  private static void send(HttpExchange exchange, int status, String type, byte[] body)
      throws IOException {
    exchange.getResponseHeaders().add("Content-Type", type);
    exchange.sendResponseHeaders(status, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }
}
