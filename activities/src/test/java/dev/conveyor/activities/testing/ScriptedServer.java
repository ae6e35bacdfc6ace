package dev.conveyor.activities.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The shared scaffolding of the scripted model servers: a JDK HTTP server on 127.0.0.1 that records
 * every request and answers each model from its script, a queue of replies whose last one repeats.
 * The model is the request body's {@code model} (OpenAI, Anthropic) or the path's {@code
 * models/<model>:} (Gemini). {@link Wire} writes the providers' answers.
 */
public final class ScriptedServer implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern PATH_MODEL = Pattern.compile("/models/([^/:]+):");

  /** A recorded request; header names are lower case. */
  public record Recorded(String method, String path, Map<String, String> headers, JsonNode body) {

    public String header(String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }

    public String model() {
      Matcher matcher = PATH_MODEL.matcher(path);
      return matcher.find() ? matcher.group(1) : body.path("model").asText();
    }
  }

  /** A scripted reply. */
  public record Reply(
      int status, String contentType, byte[] body, Map<String, String> headers, Duration delay) {

    public static Reply json(int status, JsonNode body) {
      try {
        return new Reply(status, "application/json", JSON.writeValueAsBytes(body), Map.of(), null);
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    }

    public Reply withHeader(String name, String value) {
      Map<String, String> all = new LinkedHashMap<>(headers);
      all.put(name, value);
      return new Reply(status, contentType, body, all, delay);
    }

    /** Returns this reply sent only after a delay, to outlast a client's timeout. */
    public Reply after(Duration wait) {
      return new Reply(status, contentType, body, headers, wait);
    }
  }

  private final HttpServer server;
  private final List<Recorded> requests = new CopyOnWriteArrayList<>();
  private final Map<String, Deque<Reply>> scripts = new ConcurrentHashMap<>();
  private final Map<String, Reply> files = new ConcurrentHashMap<>();

  public ScriptedServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::handle);
    server.start();
  }

  /** Returns {@code http://127.0.0.1:<port>}. */
  public String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** Scripts a model's replies, in order; the last one repeats. */
  public ScriptedServer script(String model, Reply... replies) {
    scripts.put(model, new ArrayDeque<>(List.of(replies)));
    return this;
  }

  /** Serves a file for GET requests, such as an image a provider answered with as a URL. */
  public String file(String path, String contentType, byte[] bytes) {
    files.put(path, new Reply(200, contentType, bytes, Map.of(), null));
    return url() + path;
  }

  public List<Recorded> requests() {
    return List.copyOf(requests);
  }

  public List<Recorded> requestsFor(String model) {
    return requests.stream().filter(r -> model.equals(r.model())).toList();
  }

  @Override
  public void close() {
    server.stop(0);
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String path = exchange.getRequestURI().getPath();
      byte[] bytes = exchange.getRequestBody().readAllBytes();
      JsonNode body =
          bytes.length == 0
              ? JSON.createObjectNode()
              : JSON.readTree(new String(bytes, StandardCharsets.UTF_8));
      Map<String, String> headers = new LinkedHashMap<>();
      exchange
          .getRequestHeaders()
          .forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), values.get(0)));
      Recorded recorded = new Recorded(exchange.getRequestMethod(), path, headers, body);
      requests.add(recorded);
      Reply reply = files.get(path);
      if (reply == null) {
        reply = next(recorded.model());
      }
      send(exchange, reply);
    }
  }

  private Reply next(String model) {
    Deque<Reply> script = scripts.get(model);
    if (script == null) {
      return Wire.error(404);
    }
    synchronized (script) {
      return script.size() > 1 ? script.poll() : script.peek();
    }
  }

  private static void send(HttpExchange exchange, Reply reply) throws IOException {
    if (reply.delay() != null) {
      try {
        Thread.sleep(reply.delay().toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
    exchange.getResponseHeaders().add("Content-Type", reply.contentType());
    reply.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
    try {
      exchange.sendResponseHeaders(reply.status(), reply.body().length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(reply.body());
      }
    } catch (IOException clientGone) {
      // The client timed out and closed the connection: nothing to answer.
    }
  }
}
