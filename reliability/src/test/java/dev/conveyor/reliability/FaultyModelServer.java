package dev.conveyor.reliability;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A local OpenAI-compatible chat server (JDK {@code HttpServer}) that answers a share of the calls
 * with a fault: 429 with {@code Retry-After}, 500, or no answer before the client's timeout. The
 * other calls succeed: a judge (a request with a {@code response_format}) gets a passing verdict,
 * any other call the job's requirements back, so the deterministic QA checks pass too.
 *
 * <p>It keeps its own log: per job (found by the {@link #MARKER} in the request) and per model, the
 * calls answered successfully, to compare with the calls the job recorded.
 */
final class FaultyModelServer implements AutoCloseable {

  /** The job marker a request carries in its requirements, e.g. {@code rel-fault-17}. */
  static final Pattern MARKER = Pattern.compile("rel-[a-z]+-[0-9]+");

  /** Tokens of every successful answer. */
  static final int INPUT_TOKENS = 120;

  static final int OUTPUT_TOKENS = 80;

  enum Fault {
    RATE_LIMITED,
    SERVER_ERROR,
    TIMEOUT
  }

  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpServer server;
  private final ExecutorService executor = Executors.newCachedThreadPool();
  private final Random random = new Random(20261126L);
  private final Duration timeoutDelay;
  private final String answerText;
  private final Map<String, AtomicInteger> served = new ConcurrentHashMap<>();
  private final Map<Fault, AtomicInteger> faults = new ConcurrentHashMap<>();
  private final Map<String, Duration> holds = new ConcurrentHashMap<>();
  private volatile double faultRate;

  /**
   * Starts the server on a free loopback port.
   *
   * @param answerText what a non-judge call answers, followed by the job's marker
   * @param timeoutDelay how long a {@link Fault#TIMEOUT} waits before answering: longer than the
   *     client's timeout
   */
  FaultyModelServer(String answerText, Duration timeoutDelay) throws IOException {
    this.answerText = answerText;
    this.timeoutDelay = timeoutDelay;
    for (Fault fault : Fault.values()) {
      faults.put(fault, new AtomicInteger());
    }
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 200);
    server.createContext("/v1/chat/completions", this::chat);
    server.setExecutor(executor);
    server.start();
  }

  /** Returns the base URL to configure as the provider's {@code base-url}. */
  String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
  }

  /** Sets the share of calls answered with a fault, 0 to 1. */
  void faultRate(double rate) {
    this.faultRate = rate;
  }

  /** Makes every successful answer for jobs whose marker starts with the prefix take this long. */
  void hold(String markerPrefix, Duration delay) {
    holds.put(markerPrefix, delay);
  }

  /** Returns the faults injected so far. */
  int faultsInjected() {
    return faults.values().stream().mapToInt(AtomicInteger::get).sum();
  }

  /** Returns the faults injected so far, by kind. */
  Map<Fault, Integer> faultsByKind() {
    Map<Fault, Integer> counts = new java.util.EnumMap<>(Fault.class);
    faults.forEach((fault, count) -> counts.put(fault, count.get()));
    return counts;
  }

  /** Returns how many calls of this model for this job were answered successfully. */
  int served(String marker, String model) {
    AtomicInteger count = served.get(marker + " " + model);
    return count == null ? 0 : count.get();
  }

  private void chat(HttpExchange exchange) throws IOException {
    try (exchange) {
      String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      ObjectNode request = (ObjectNode) JSON.readTree(body);
      String model = request.path("model").asText("unknown");
      Matcher matcher = MARKER.matcher(body);
      String marker = matcher.find() ? matcher.group() : "unmarked";
      Fault fault = nextFault();
      if (fault == Fault.RATE_LIMITED) {
        faults.get(fault).incrementAndGet();
        exchange.getResponseHeaders().add("Retry-After", "1");
        reply(exchange, 429, error(429, "rate limited (injected)"));
        return;
      }
      if (fault == Fault.SERVER_ERROR) {
        faults.get(fault).incrementAndGet();
        reply(exchange, 500, error(500, "internal error (injected)"));
        return;
      }
      if (fault == Fault.TIMEOUT) {
        faults.get(fault).incrementAndGet();
        sleep(timeoutDelay);
        // The client has given up; this answer goes nowhere.
        reply(exchange, 500, error(500, "too late (injected timeout)"));
        return;
      }
      holds.forEach(
          (prefix, delay) -> {
            if (marker.startsWith(prefix)) {
              sleep(delay);
            }
          });
      String content =
          request.has("response_format")
              ? "{\"passed\": true, \"score\": 0.95, \"issues\": [],"
                  + " \"feedback\": \"Meets the requirements.\"}"
              : answerText + " Reference " + marker + ".";
      reply(exchange, 200, completion(model, content));
      // Counted once the answer is written: one the client gave up on is not a served call.
      served.computeIfAbsent(marker + " " + model, k -> new AtomicInteger()).incrementAndGet();
    } catch (IOException | RuntimeException e) {
      // A client that gave up closes the connection; nothing to answer.
    }
  }

  private Fault nextFault() {
    double rate = faultRate;
    synchronized (random) {
      if (random.nextDouble() >= rate) {
        return null;
      }
      return Fault.values()[random.nextInt(Fault.values().length)];
    }
  }

  private static byte[] completion(String model, String content) throws IOException {
    ObjectNode answer =
        JSON.createObjectNode()
            .put("id", "chatcmpl-reliability")
            .put("object", "chat.completion")
            .put("created", 1_700_000_000)
            .put("model", model);
    ObjectNode choice = answer.putArray("choices").addObject().put("index", 0);
    choice.putObject("message").put("role", "assistant").put("content", content);
    choice.put("finish_reason", "stop");
    answer
        .putObject("usage")
        .put("prompt_tokens", INPUT_TOKENS)
        .put("completion_tokens", OUTPUT_TOKENS)
        .put("total_tokens", INPUT_TOKENS + OUTPUT_TOKENS);
    return JSON.writeValueAsBytes(answer);
  }

  private static byte[] error(int status, String message) throws IOException {
    ObjectNode answer = JSON.createObjectNode();
    answer.putObject("error").put("message", message).put("type", "injected").put("code", status);
    return JSON.writeValueAsBytes(answer);
  }

  private static void reply(HttpExchange exchange, int status, byte[] body) throws IOException {
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  private static void sleep(Duration delay) {
    try {
      Thread.sleep(delay.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
