package dev.conveyor.starter.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Plain HTTP against the running application: tests see exactly what clients see. Every request
 * carries an API key in {@code X-API-Key}: the development key unless another (or none) is given.
 */
public final class Http {

  /**
   * The local development key: roles submitter, reviewer and admin; principal {@code local-dev}.
   */
  public static final String DEV_KEY = "local-dev-key";

  /** The principal of {@link #DEV_KEY}. */
  public static final String DEV_PRINCIPAL = "local-dev";

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final String base;
  private final String apiKey;
  private final String[] headers;
  private final HttpClient client =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  public Http(String base) {
    this(base, DEV_KEY);
  }

  /** Returns a client that sends {@code apiKey}, or no key when it is null. */
  public Http(String base, String apiKey) {
    this(base, apiKey, new String[0]);
  }

  /** Returns a client that sends {@code apiKey} (or none) and the given name, value pairs. */
  public Http(String base, String apiKey, String... headers) {
    this.base = base;
    this.apiKey = apiKey;
    this.headers = headers.clone();
  }

  public HttpResponse<String> get(String path) {
    return send(request(path).GET().build());
  }

  public HttpResponse<byte[]> getBytes(String path) {
    try {
      return client.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Posts a body of another content type, for example JSONL. */
  public HttpResponse<String> postAs(String path, String contentType, String body) {
    return send(
        request(path)
            .header("Content-Type", contentType)
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build());
  }

  /** Posts a JSON body; {@code headers} are name, value pairs. */
  public HttpResponse<String> post(String path, String json, String... headers) {
    HttpRequest.Builder post =
        request(path)
            .header("Content-Type", "application/json")
            .POST(
                json == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(json));
    for (int i = 0; i + 1 < headers.length; i += 2) {
      post.header(headers[i], headers[i + 1]);
    }
    return send(post.build());
  }

  public static JsonNode json(HttpResponse<String> response) {
    return json(response.body());
  }

  /** Parses JSON text, for example a file of a downloaded zip. */
  public static JsonNode json(String text) {
    return JSON.readTree(text);
  }

  private HttpRequest.Builder request(String path) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
    for (int i = 0; i + 1 < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    return apiKey == null ? request : request.header("X-API-Key", apiKey);
  }

  private HttpResponse<String> send(HttpRequest request) {
    try {
      return client.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
