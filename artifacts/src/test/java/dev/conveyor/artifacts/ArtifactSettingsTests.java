package dev.conveyor.artifacts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ArtifactSettingsTests {

  @Test
  void should_default_to_the_filesystem_store_in_data_artifacts() {
    ArtifactSettings settings = new ArtifactSettings(null, null, null);

    assertThat(settings.store()).isEqualTo(ArtifactStoreKind.FILESYSTEM);
    assertThat(settings.dir()).isEqualTo(Path.of("data/artifacts"));
  }

  @Test
  void should_refuse_the_s3_store_without_a_bucket() {
    assertThatThrownBy(() -> new ArtifactSettings(ArtifactStoreKind.S3, null, null))
        .hasMessage("conveyor.artifacts.s3.bucket must be set when conveyor.artifacts.store is s3");
  }

  @Test
  void should_use_path_style_and_a_folder_prefix_for_an_s3_compatible_endpoint() {
    S3Settings settings =
        new S3Settings(
            "artifacts", URI.create("http://minio:9000"), null, null, "/conveyor", null, null);

    assertThat(settings.pathStyle()).isTrue();
    assertThat(settings.prefix()).isEqualTo("conveyor/");
    assertThat(settings.location()).isEqualTo("s3://artifacts/conveyor/");
  }

  @Test
  void should_use_virtual_hosts_and_no_prefix_for_aws() {
    S3Settings settings = new S3Settings("artifacts", null, "eu-west-1", null, null, null, null);

    assertThat(settings.pathStyle()).isFalse();
    assertThat(settings.prefix()).isEmpty();
  }

  @Test
  void should_refuse_bad_values_naming_the_key() {
    assertThatThrownBy(() -> new S3Settings("Bad_Bucket", null, null, null, null, null, null))
        .hasMessageStartingWith("conveyor.artifacts.s3.bucket 'Bad_Bucket' is not a bucket name");
    assertThatThrownBy(
            () ->
                new S3Settings("artifacts", URI.create("minio:9000"), null, null, null, null, null))
        .hasMessageStartingWith("conveyor.artifacts.s3.endpoint 'minio:9000' must be an http");
    assertThatThrownBy(() -> new S3Settings("artifacts", null, null, null, null, "KEY", null))
        .hasMessageStartingWith(
            "conveyor.artifacts.s3.access-key-env and conveyor.artifacts.s3.secret-key-env go"
                + " together");
    assertThatThrownBy(() -> new S3Settings("artifacts", null, null, null, "a/../b", null, null))
        .hasMessageStartingWith("conveyor.artifacts.s3.prefix 'a/../b' must be a plain folder");
  }
}
