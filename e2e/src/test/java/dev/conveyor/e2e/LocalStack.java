package dev.conveyor.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.util.function.Predicate;

/**
 * Conveyor as it runs for real, in separate processes: a Temporal test server and the job store's
 * PostgreSQL bound to loopback (started by this JVM, so that killing a worker leaves them up),
 * worker JVMs and a starter JVM, sharing one artifacts folder. Tests talk to it over REST as a
 * service would.
 */
final class LocalStack implements AutoCloseable {

  static final Duration STARTUP = Duration.ofSeconds(90);

  /** The API key every request sends: {@code CONVEYOR_API_KEY}, else the development key. */
  static final String API_KEY = System.getenv().getOrDefault("CONVEYOR_API_KEY", "local-dev-key");

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path dir;
  private final EmbeddedTemporalServer temporal;
  private final EmbeddedPostgresServer store;
  private final WorkflowServiceStubs stubs;
  private final WorkflowClient client;
  private final HttpClient http = HttpClient.newHttpClient();
  private final List<JavaProcess> processes = new ArrayList<>();
  private JavaProcess starter;
  private String baseUrl;
  private int workers;

  LocalStack(Path dir) {
    this.dir = dir;
    this.temporal = EmbeddedTemporalServer.start("127.0.0.1", 0);
    this.store = EmbeddedPostgresServer.start("127.0.0.1", 0, dir.resolve("postgres"), "conveyor");
    this.stubs =
        WorkflowServiceStubs.newServiceStubs(
            WorkflowServiceStubsOptions.newBuilder().setTarget(temporal.target()).build());
    this.client =
        WorkflowClient.newInstance(
            stubs, WorkflowClientOptions.newBuilder().setNamespace("default").build());
  }

  /** Returns the starter's base URL, {@code http://127.0.0.1:PORT}. */
  String baseUrl() {
    return baseUrl;
  }

  /** Returns a Temporal client on the stack's server, to inspect histories. */
  WorkflowClient temporalClient() {
    return client;
  }

  Path artifactsDir() {
    return dir.resolve("artifacts");
  }

  /** Starts the starter and waits until its health endpoint answers UP. */
  void startStarter() throws Exception {
    int port = freePort();
    starter =
        JavaProcess.start(
            "starter",
            jar("conveyor.starter.jar"),
            dir,
            List.of(
                "--server.port=" + port,
                "--spring.temporal.connection.target=" + temporal.target(),
                "--conveyor.artifacts.dir=" + artifactsDir(),
                "--spring.datasource.url=" + store.jdbcUrl(),
                "--spring.datasource.username=" + EmbeddedPostgresServer.USER));
    processes.add(starter);
    baseUrl = "http://127.0.0.1:" + port;
    awaitHealthy(starter, port);
  }

  /** Starts a worker JVM with the given extra settings and waits until it is up. */
  JavaProcess startWorker(String... settings) throws Exception {
    int port = freePort();
    List<String> args = new ArrayList<>();
    args.add("--server.port=" + port);
    args.add("--conveyor.temporal.embedded.enabled=false");
    args.add("--conveyor.temporal.test-server=true");
    args.add("--spring.temporal.connection.target=" + temporal.target());
    args.add("--conveyor.artifacts.dir=" + artifactsDir());
    args.add("--conveyor.store.embedded.enabled=false");
    args.add("--spring.datasource.url=" + store.jdbcUrl());
    args.add("--spring.datasource.username=" + EmbeddedPostgresServer.USER);
    args.addAll(List.of(settings));
    JavaProcess worker =
        JavaProcess.start("worker-" + ++workers, jar("conveyor.worker.jar"), dir, args);
    processes.add(worker);
    awaitHealthy(worker, port);
    return worker;
  }

  /** Sends a request to the starter's REST API and returns the response. */
  HttpResponse<byte[]> call(String method, String path, String jsonBody) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path));
    request.timeout(Duration.ofSeconds(30));
    request.header("X-API-Key", API_KEY);
    if (jsonBody == null) {
      request.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      request.header("Content-Type", "application/json");
      request.method(method, HttpRequest.BodyPublishers.ofString(jsonBody));
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  static JsonNode json(HttpResponse<byte[]> response) throws IOException {
    return JSON.readTree(response.body());
  }

  /** Polls a job's status until it matches, failing with the last status after the timeout. */
  JsonNode awaitStatus(String jobId, Predicate<JsonNode> condition, Duration timeout)
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
    for (JavaProcess process : processes) {
      process.close();
    }
    stubs.shutdownNow();
    store.close();
    temporal.close();
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

  private static Path jar(String property) {
    String path = System.getProperty(property);
    if (path == null) {
      throw new IllegalStateException("system property " + property + " is not set");
    }
    return Path.of(path).toAbsolutePath().normalize();
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  static Path tempDir(String prefix) throws IOException {
    return Files.createTempDirectory(prefix);
  }
}
