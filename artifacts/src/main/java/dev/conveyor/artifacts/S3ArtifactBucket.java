package dev.conveyor.artifacts;

import dev.conveyor.workflow.model.ArtifactRef;
import java.util.Optional;
import java.util.function.UnaryOperator;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Artifacts in an S3 bucket, one object per artifact at {@code prefix + ab/abcdef...}, the same
 * content-addressed layout as the filesystem store. A put of content the bucket already holds
 * changes nothing, and since an object's key is its content's SHA-256, overwriting one writes the
 * same bytes: a retried activity, or two workers storing the same output at once, do no harm. S3
 * makes a written object visible whole or not at all, so a reader never sees part of one.
 */
public final class S3ArtifactBucket implements AutoCloseable {

  private static final int NOT_FOUND = 404;

  private final S3Client client;
  private final String bucket;
  private final String prefix;
  private final String location;

  /** Uses the client on the bucket and prefix of the settings; closing this closes the client. */
  public S3ArtifactBucket(S3Client client, S3Settings settings) {
    this.client = client;
    this.bucket = settings.bucket();
    this.prefix = settings.prefix();
    this.location = settings.location();
  }

  /**
   * Connects to the bucket of the settings and checks that it is there, so that a wrong bucket,
   * endpoint or credential stops the application at start-up.
   *
   * @param environment reads an environment variable, {@code System::getenv} outside tests
   * @throws ArtifactSettingsException in one line, when the bucket cannot be used
   */
  public static S3ArtifactBucket connect(S3Settings settings, UnaryOperator<String> environment) {
    S3ArtifactBucket bucket =
        new S3ArtifactBucket(S3ClientFactory.create(settings, environment), settings);
    try {
      bucket.check(settings);
      return bucket;
    } catch (RuntimeException e) {
      bucket.close();
      throw e;
    }
  }

  /** Returns where the artifacts live, {@code s3://bucket/prefix}. */
  public String location() {
    return location;
  }

  /** Returns the object key of an artifact. */
  public String keyOf(ArtifactRef ref) {
    return prefix + ref.relativePath();
  }

  /**
   * Stores an artifact's content under its reference, unless the bucket holds it already.
   *
   * @param ref the reference, whose SHA-256 the caller computed from the content
   * @param content the bytes
   */
  public void put(ArtifactRef ref, byte[] content) {
    String key = keyOf(ref);
    if (size(key) == content.length) {
      return;
    }
    client.putObject(
        request ->
            request
                .bucket(bucket)
                .key(key)
                .contentType(ref.contentType())
                .contentLength((long) content.length),
        RequestBody.fromBytes(content));
  }

  /**
   * Reads an artifact's content.
   *
   * @return the bytes, or nothing when the bucket does not hold the artifact
   * @throws IllegalStateException when the stored bytes do not hash to the reference
   */
  public Optional<byte[]> get(ArtifactRef ref) {
    String key = keyOf(ref);
    byte[] content;
    try {
      content = client.getObjectAsBytes(request -> request.bucket(bucket).key(key)).asByteArray();
    } catch (NoSuchKeyException e) {
      return Optional.empty();
    }
    return Optional.of(ArtifactDigest.verified(ref, content, location + ref.relativePath()));
  }

  @Override
  public void close() {
    client.close();
  }

  private long size(String key) {
    try {
      return client.headObject(request -> request.bucket(bucket).key(key)).contentLength();
    } catch (S3Exception e) {
      if (e.statusCode() == NOT_FOUND) {
        return -1;
      }
      throw e;
    }
  }

  private void check(S3Settings settings) {
    String where = settings.endpoint() == null ? "AWS S3" : settings.endpoint().toString();
    try {
      client.headBucket(request -> request.bucket(bucket));
    } catch (S3Exception e) {
      String reason =
          switch (e.statusCode()) {
            case NOT_FOUND -> "does not exist";
            case 301, 400 -> "is in another region than conveyor.artifacts.s3.region";
            case 401, 403 -> "refuses these credentials";
            default -> "answered HTTP " + e.statusCode();
          };
      throw new ArtifactSettingsException(
          "artifact bucket " + bucket + " at " + where + " " + reason + " (conveyor.artifacts.s3)",
          e);
    } catch (SdkClientException e) {
      throw new ArtifactSettingsException(
          "artifact bucket " + bucket + " at " + where + " cannot be used: " + e.getMessage(), e);
    }
  }
}
