package dev.conveyor.artifacts;

import com.adobe.testing.s3mock.S3MockApplication;
import java.net.URI;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Adobe S3Mock, an S3-compatible server, started in this JVM on a free loopback port with one
 * bucket. Shared with the other modules' tests through this module's test jar.
 */
public final class S3MockServer implements AutoCloseable {

  /** The environment variables that hold the credentials S3Mock accepts (it checks none). */
  public static final Map<String, String> CREDENTIALS =
      Map.of("CONVEYOR_TEST_S3_KEY", "test-key", "CONVEYOR_TEST_S3_SECRET", "test-secret");

  private final S3MockApplication application;
  private final String bucket;

  private S3MockServer(S3MockApplication application, String bucket) {
    this.application = application;
    this.bucket = bucket;
  }

  /** Starts the server with the bucket, keeping its objects under the folder. */
  public static S3MockServer start(String bucket, Path root) {
    // S3Mock removes entries from the map it is given.
    S3MockApplication application =
        S3MockApplication.start(
            new HashMap<>(
                Map.of(
                    S3MockApplication.PROP_HTTP_PORT,
                    S3MockApplication.RANDOM_PORT,
                    S3MockApplication.PROP_HTTPS_PORT,
                    S3MockApplication.RANDOM_PORT,
                    S3MockApplication.PROP_SILENT,
                    true,
                    "server.address",
                    "127.0.0.1",
                    "com.adobe.testing.s3mock.store.initialBuckets",
                    bucket,
                    "com.adobe.testing.s3mock.store.root",
                    root.toString())));
    return new S3MockServer(application, bucket);
  }

  /** Returns the server's plain HTTP endpoint. */
  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + application.getHttpPort());
  }

  /** Returns the bucket created at start. */
  public String bucket() {
    return bucket;
  }

  /** Returns settings for this server's bucket, credentials named by {@link #CREDENTIALS}. */
  public S3Settings settings(String prefix) {
    return new S3Settings(
        bucket, endpoint(), null, null, prefix, "CONVEYOR_TEST_S3_KEY", "CONVEYOR_TEST_S3_SECRET");
  }

  /** Reads {@link #CREDENTIALS} as the environment would. */
  public static UnaryOperator<String> environment() {
    return CREDENTIALS::get;
  }

  @Override
  public void close() {
    application.stop();
  }
}
