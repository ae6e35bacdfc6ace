package dev.conveyor.artifacts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.conveyor.workflow.model.ArtifactRef;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

class S3ArtifactBucketTests {

  @TempDir static Path root;

  private static S3MockServer server;

  @BeforeAll
  static void startServer() {
    server = S3MockServer.start("conveyor-artifacts", root);
  }

  @AfterAll
  static void stopServer() {
    server.close();
  }

  @Test
  void should_read_back_what_it_stored_under_the_content_address() {
    byte[] content = "a haiku about queues".getBytes(StandardCharsets.UTF_8);
    ArtifactRef ref = refOf(content, "text/plain; charset=utf-8");

    try (S3ArtifactBucket bucket = connect("jobs/")) {
      bucket.put(ref, content);

      assertThat(bucket.keyOf(ref)).isEqualTo("jobs/" + ref.relativePath());
      assertThat(bucket.get(ref)).hasValue(content);
    }
    try (S3Client client =
        S3ClientFactory.create(server.settings(""), S3MockServer.environment())) {
      assertThat(
              client.headObject(r -> r.bucket(server.bucket()).key("jobs/" + ref.relativePath())))
          .satisfies(head -> assertThat(head.contentType()).startsWith("text/plain"));
    }
  }

  @Test
  void should_keep_one_object_when_the_same_content_is_stored_twice() {
    byte[] content = "stored twice".getBytes(StandardCharsets.UTF_8);
    ArtifactRef ref = refOf(content, "text/plain; charset=utf-8");

    try (S3ArtifactBucket first = connect("twice");
        S3ArtifactBucket second = connect("twice")) {
      first.put(ref, content);
      second.put(ref, content);

      assertThat(second.get(ref)).hasValue(content);
    }
    try (S3Client client =
        S3ClientFactory.create(server.settings(""), S3MockServer.environment())) {
      assertThat(client.listObjectsV2(r -> r.bucket(server.bucket()).prefix("twice/")).contents())
          .singleElement()
          .satisfies(object -> assertThat(object.size()).isEqualTo(content.length));
    }
  }

  @Test
  void should_find_nothing_for_content_that_was_never_stored() {
    ArtifactRef ref = refOf("never stored".getBytes(StandardCharsets.UTF_8), "text/plain");

    try (S3ArtifactBucket bucket = connect("")) {
      assertThat(bucket.get(ref)).isEmpty();
    }
  }

  @Test
  void should_refuse_an_object_whose_bytes_do_not_hash_to_its_key() {
    ArtifactRef ref = refOf("the original".getBytes(StandardCharsets.UTF_8), "text/plain");
    try (S3Client client =
        S3ClientFactory.create(server.settings(""), S3MockServer.environment())) {
      client.putObject(
          r -> r.bucket(server.bucket()).key("tampered/" + ref.relativePath()),
          RequestBody.fromString("something else"));
    }

    try (S3ArtifactBucket bucket = connect("tampered")) {
      assertThatThrownBy(() -> bucket.get(ref))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("is corrupt");
    }
  }

  @Test
  void should_stop_at_start_up_naming_the_bucket_when_it_does_not_exist() {
    S3Settings missing =
        new S3Settings(
            "no-such-bucket",
            server.endpoint(),
            null,
            null,
            null,
            "CONVEYOR_TEST_S3_KEY",
            "CONVEYOR_TEST_S3_SECRET");

    assertThatThrownBy(() -> S3ArtifactBucket.connect(missing, S3MockServer.environment()))
        .isInstanceOf(ArtifactSettingsException.class)
        .hasMessage(
            "artifact bucket no-such-bucket at "
                + server.endpoint()
                + " does not exist (conveyor.artifacts.s3)");
  }

  @Test
  void should_stop_at_start_up_naming_the_variable_when_a_credential_is_missing() {
    assertThatThrownBy(() -> S3ArtifactBucket.connect(server.settings(""), name -> null))
        .isInstanceOf(ArtifactSettingsException.class)
        .hasMessage(
            "environment variable CONVEYOR_TEST_S3_KEY named by"
                + " conveyor.artifacts.s3.access-key-env is not set");
  }

  private static S3ArtifactBucket connect(String prefix) {
    return S3ArtifactBucket.connect(server.settings(prefix), S3MockServer.environment());
  }

  private static ArtifactRef refOf(byte[] content, String contentType) {
    return new ArtifactRef(ArtifactDigest.sha256(content), contentType, content.length);
  }
}
