package dev.conveyor.e2e;

import dev.conveyor.artifacts.S3Settings;
import dev.conveyor.stack.JavaProcess;
import dev.conveyor.stack.LocalStack;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Adobe S3Mock, an S3-compatible server, in a JVM of its own (its self-contained jar, see the pom)
 * on a free loopback port, with one bucket.
 */
public final class S3MockProcess implements AutoCloseable {

  /** The environment variables that hold the credentials S3Mock accepts (it checks none). */
  public static final Map<String, String> CREDENTIALS =
      Map.of("CONVEYOR_TEST_S3_KEY", "test-key", "CONVEYOR_TEST_S3_SECRET", "test-secret");

  private final JavaProcess process;
  private final int port;
  private final String bucket;

  private S3MockProcess(JavaProcess process, int port, String bucket) {
    this.process = process;
    this.port = port;
    this.bucket = bucket;
  }

  /** Starts the server with the bucket, its objects and log under the folder. */
  public static S3MockProcess start(String bucket, Path dir) throws Exception {
    int port = LocalStack.freePort();
    String jar = System.getProperty("s3mock.jar");
    if (jar == null) {
      throw new IllegalStateException("system property s3mock.jar is not set");
    }
    JavaProcess process =
        JavaProcess.start(
            "s3mock",
            Path.of(jar),
            dir,
            List.of(
                "--server.address=127.0.0.1",
                "--server.port=0",
                "--http.port=" + port,
                "--com.adobe.testing.s3mock.http-port=" + port,
                "--com.adobe.testing.s3mock.store.initialBuckets=" + bucket,
                "--com.adobe.testing.s3mock.store.root=" + dir.resolve("s3")));
    S3MockProcess server = new S3MockProcess(process, port, bucket);
    try {
      server.awaitBucket();
      return server;
    } catch (Exception e) {
      server.close();
      throw e;
    }
  }

  /** Returns the server's plain HTTP endpoint. */
  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + port);
  }

  /** Returns the bucket created at start. */
  public String bucket() {
    return bucket;
  }

  /** Returns the settings of this server's bucket, credentials named by {@link #CREDENTIALS}. */
  public S3Settings settings(String prefix) {
    return new S3Settings(
        bucket, endpoint(), null, null, prefix, "CONVEYOR_TEST_S3_KEY", "CONVEYOR_TEST_S3_SECRET");
  }

  /** Returns the workers' and the starter's settings for this bucket, as command-line arguments. */
  public String[] arguments(String prefix) {
    return new String[] {
      "--conveyor.artifacts.store=s3",
      "--conveyor.artifacts.s3.bucket=" + bucket,
      "--conveyor.artifacts.s3.endpoint=" + endpoint(),
      "--conveyor.artifacts.s3.prefix=" + prefix,
      "--conveyor.artifacts.s3.access-key-env=CONVEYOR_TEST_S3_KEY",
      "--conveyor.artifacts.s3.secret-key-env=CONVEYOR_TEST_S3_SECRET"
    };
  }

  private void awaitBucket() throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    HttpRequest head =
        HttpRequest.newBuilder(URI.create(endpoint() + "/" + bucket))
            .method("HEAD", HttpRequest.BodyPublishers.noBody())
            .build();
    Instant deadline = Instant.now().plus(LocalStack.STARTUP);
    while (Instant.now().isBefore(deadline)) {
      if (!process.alive()) {
        throw new IllegalStateException("S3Mock exited:\n" + process.output());
      }
      try {
        if (http.send(head, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // S3Mock is still starting.
      }
      Thread.sleep(250);
    }
    throw new IllegalStateException("S3Mock did not start:\n" + process.output());
  }

  @Override
  public void close() throws Exception {
    process.close();
  }
}
