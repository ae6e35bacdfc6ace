package dev.conveyor.stack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.conveyor.client.codec.CodecKeys;
import dev.conveyor.client.codec.ConveyorDataConverter;
import dev.conveyor.worker.store.EmbeddedPostgresServer;
import dev.conveyor.worker.temporal.EmbeddedTemporalServer;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Conveyor as it runs for real, in separate processes: a standalone Temporal test server JVM bound
 * to loopback, the job store's PostgreSQL on loopback (started by this JVM, so that killing a
 * worker leaves it up), worker JVMs and a starter JVM, sharing one artifacts folder. Tests talk to
 * it over REST as a service would, sending the API key of the environment variable {@value
 * #API_KEY_ENV} (default {@value #DEFAULT_API_KEY}) in the {@value #API_KEY_HEADER} header. The
 * end-to-end tests and the reliability suite both run on it.
 */
public final class LocalStack implements AutoCloseable {

  /**
   * How long a process may take to start: {@code conveyor.e2e.startup} (an ISO-8601 duration), five
   * minutes by default: on a loaded 2-core machine a worker JVM has taken nearly three.
   */
  public static final Duration STARTUP =
      Duration.parse(System.getProperty("conveyor.e2e.startup", "PT5M"));

  public static final String API_KEY_HEADER = "X-API-Key";
  public static final String API_KEY_ENV = "CONVEYOR_API_KEY";
  public static final String DEFAULT_API_KEY = "local-dev-key";

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path dir;
  private final JavaProcess temporal;
  private final String temporalTarget;
  private final EmbeddedPostgresServer store;
  private final WorkflowServiceStubs stubs;
  private final WorkflowClient client;
  private final HttpClient http =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private final List<JavaProcess> processes = new ArrayList<>();
  private final String apiKey;
  private JavaProcess starter;
  private int starterPort;
  private List<String> starterSettings = List.of();
  private String baseUrl;
  private int workers;
  private int starters;
  private Map<String, String> environment = Map.of();

  public LocalStack(Path dir) throws Exception {
    this.dir = dir;
    int port = freePort();
    this.temporal =
        JavaProcess.startMain(
            "temporal",
            EmbeddedTemporalServer.class.getName(),
            "1g",
            dir,
            List.of("127.0.0.1", String.valueOf(port)));
    processes.add(temporal);
    this.temporalTarget = "127.0.0.1:" + port;
    awaitOutput(temporal, "TEMPORAL_TARGET=");
    this.store = EmbeddedPostgresServer.start("127.0.0.1", 0, dir.resolve("postgres"), "conveyor");
    this.stubs =
        WorkflowServiceStubs.newServiceStubs(
            WorkflowServiceStubsOptions.newBuilder().setTarget(temporalTarget).build());
    this.client =
        WorkflowClient.newInstance(
            stubs, WorkflowClientOptions.newBuilder().setNamespace("default").build());
    String key = System.getenv(API_KEY_ENV);
    this.apiKey = key == null || key.isBlank() ? DEFAULT_API_KEY : key;
  }

  /** Returns a Temporal client on the stack's server, to inspect histories. */
  public WorkflowClient temporalClient() {
    return client;
  }

  /**
   * Returns a Temporal client that reads payloads encrypted with these keys, for a stack whose
   * worker and starter run with them (the {@link #codecSettings} of each).
   */
  public WorkflowClient temporalClient(CodecKeys keys) {
    return WorkflowClient.newInstance(
        stubs,
        WorkflowClientOptions.newBuilder()
            .setNamespace("default")
            .setDataConverter(ConveyorDataConverter.create(keys))
            .build());
  }

  /** Returns the settings that turn payload encryption on with one key, for worker and starter. */
  public static List<String> codecSettings(String keyId, String base64Key) {
    return List.of(
        "--conveyor.codec.keys[0].id=" + keyId, "--conveyor.codec.keys[0].key=" + base64Key);
  }

  public Path dir() {
    return dir;
  }

  public Path artifactsDir() {
    return dir.resolve("artifacts");
  }

  /** Sets environment variables for the workers and starters started from now on. */
  public void environment(Map<String, String> variables) {
    environment = Map.copyOf(variables);
  }

  /**
   * Starts the starter with the given extra settings and waits until its health endpoint answers
   * UP. A restart after {@link #killStarter()} reuses the port and the settings.
   */
  public void startStarter(String... settings) throws Exception {
    if (starterPort == 0) {
      starterPort = freePort();
      starterSettings = List.of(settings);
    }
    List<String> args = new ArrayList<>();
    args.add("--server.port=" + starterPort);
    args.add("--spring.temporal.connection.target=" + temporalTarget);
    args.add("--conveyor.artifacts.dir=" + artifactsDir());
    args.add("--spring.datasource.url=" + store.jdbcUrl());
    args.add("--spring.datasource.username=" + EmbeddedPostgresServer.USER);
    args.addAll(starterSettings);
    starter =
        JavaProcess.start(
            starters++ == 0 ? "starter" : "starter-" + starters,
            jar("conveyor.starter.jar"),
            dir,
            args,
            environment);
    processes.add(starter);
    baseUrl = "http://127.0.0.1:" + starterPort;
    awaitHealthy(starter, starterPort);
  }

  /** Kills the starter with SIGKILL; {@link #startStarter} starts it again on the same port. */
  public void killStarter() throws InterruptedException {
    starter.kill9();
  }

  /** Returns the starter's base URL, {@code http://127.0.0.1:port}. */
  public String baseUrl() {
    return baseUrl;
  }

  /** Returns the API key every request of this stack sends. */
  public String apiKey() {
    return apiKey;
  }

  /** Starts a worker JVM with the given extra settings and waits until it is up. */
  public JavaProcess startWorker(String... settings) throws Exception {
    int port = freePort();
    List<String> args = new ArrayList<>();
    args.add("--server.port=" + port);
    args.add("--conveyor.temporal.embedded.enabled=false");
    args.add("--conveyor.temporal.test-server=true");
    args.add("--spring.temporal.connection.target=" + temporalTarget);
    args.add("--conveyor.artifacts.dir=" + artifactsDir());
    args.add("--conveyor.store.embedded.enabled=false");
    args.add("--spring.datasource.url=" + store.jdbcUrl());
    args.add("--spring.datasource.username=" + EmbeddedPostgresServer.USER);
    args.addAll(List.of(settings));
    JavaProcess worker =
        JavaProcess.start(
            "worker-" + ++workers, jar("conveyor.worker.jar"), dir, args, environment);
    processes.add(worker);
    awaitHealthy(worker, port);
    return worker;
  }

  /** Sends a request to the starter's REST API and returns the response. */
  public HttpResponse<byte[]> call(String method, String path, String jsonBody) throws Exception {
    return call(method, path, jsonBody, Map.of());
  }

  /** Sends a request with extra headers to the starter's REST API and returns the response. */
  public HttpResponse<byte[]> call(
      String method, String path, String jsonBody, Map<String, String> headers) throws Exception {
    HttpRequest.Builder request = request(path);
    if (jsonBody == null) {
      request.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      request.header("Content-Type", "application/json");
      request.method(method, HttpRequest.BodyPublishers.ofString(jsonBody));
    }
    headers.forEach(request::header);
    return send(request);
  }

  /** Returns a request to the starter's REST API with the API key, for requests built by hand. */
  public HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create(baseUrl + path))
        .timeout(Duration.ofSeconds(30))
        .header(API_KEY_HEADER, apiKey);
  }

  /** Sends a request built with {@link #request}. */
  public HttpResponse<byte[]> send(HttpRequest.Builder request) throws Exception {
    return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  public static JsonNode json(HttpResponse<byte[]> response) throws IOException {
    return JSON.readTree(response.body());
  }

  /** Polls a job's status until it matches, failing with the last status after the timeout. */
  public JsonNode awaitStatus(String jobId, Predicate<JsonNode> condition, Duration timeout)
      throws Exception {
    Instant deadline = Instant.now().plus(timeout);
    JsonNode last = null;
    while (Instant.now().isBefore(deadline)) {
      HttpResponse<byte[]> response = call("GET", "/api/jobs/" + jobId, null);
      if (response.statusCode() == 200) {
        last = json(response);
        if (condition.test(last)) {
          return last;
        }
      }
      Thread.sleep(250);
    }
    throw new AssertionError(
        "job " + jobId + " did not reach the expected state in " + timeout + "; last: " + last);
  }

  @Override
  public void close() throws Exception {
    // The Temporal server goes last: workers and the starter stop while it still answers.
    for (int i = processes.size() - 1; i >= 0; i--) {
      processes.get(i).close();
    }
    stubs.shutdownNow();
    store.close();
  }

  /** Waits until the process prints a line starting with the prefix. */
  private static void awaitOutput(JavaProcess process, String prefix) throws Exception {
    Instant deadline = Instant.now().plus(STARTUP);
    while (Instant.now().isBefore(deadline)) {
      if (process.output().lines().anyMatch(line -> line.startsWith(prefix))) {
        return;
      }
      if (!process.alive()) {
        throw new IllegalStateException(process.name() + " exited:\n" + process.output());
      }
      Thread.sleep(100);
    }
    throw new IllegalStateException(process.name() + " did not start:\n" + process.output());
  }

  private void awaitHealthy(JavaProcess process, int port) throws Exception {
    Instant deadline = Instant.now().plus(STARTUP);
    URI health = URI.create("http://127.0.0.1:" + port + "/actuator/health");
    while (Instant.now().isBefore(deadline)) {
      if (!process.alive()) {
        throw new IllegalStateException(process.name() + " exited:\n" + process.output());
      }
      try {
        HttpResponse<String> response =
            http.send(HttpRequest.newBuilder(health).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 200 && response.body().contains("UP")) {
          return;
        }
      } catch (IOException notYet) {
        // The process is still starting.
      }
      Thread.sleep(250);
    }
    throw new IllegalStateException(process.name() + " did not start:\n" + process.output());
  }

  /** Returns a free port on the loopback interface. */
  public static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static Path jar(String property) {
    String path = System.getProperty(property);
    if (path == null) {
      throw new IllegalStateException("system property " + property + " is not set");
    }
    return Path.of(path).toAbsolutePath().normalize();
  }

  public static Path tempDir(String prefix) throws IOException {
    return Files.createTempDirectory(prefix);
  }
}
