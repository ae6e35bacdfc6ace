package dev.conveyor.activities.artifact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.conveyor.artifacts.S3ArtifactBucket;
import dev.conveyor.artifacts.S3MockServer;
import dev.conveyor.workflow.model.ArtifactRef;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class S3ArtifactStoreTests {

  @TempDir static Path root;

  private static S3MockServer server;

  @BeforeAll
  static void startServer() {
    server = S3MockServer.start("conveyor-activities", root);
  }

  @AfterAll
  static void stopServer() {
    server.close();
  }

  @Test
  void should_read_back_text_and_images_it_stored() {
    byte[] png = {(byte) 0x89, 'P', 'N', 'G', 1, 2, 3};

    try (S3ArtifactStore store = store("round-trip")) {
      ArtifactRef text = store.putText("Grüße from Conveyor");
      ArtifactRef image = store.put(png, "image/png");

      assertThat(store.readText(text)).isEqualTo("Grüße from Conveyor");
      assertThat(text.contentType()).isEqualTo(ArtifactStore.TEXT_PLAIN);
      assertThat(store.read(image)).isEqualTo(png);
      assertThat(image.contentType()).isEqualTo("image/png");
    }
  }

  @Test
  void should_return_the_same_reference_when_two_workers_store_the_same_output() {
    try (S3ArtifactStore first = store("shared");
        S3ArtifactStore second = store("shared")) {
      ArtifactRef once = first.putText("the approved haiku");
      ArtifactRef again = second.putText("the approved haiku");

      assertThat(again).isEqualTo(once);
      assertThat(first.readText(again)).isEqualTo("the approved haiku");
    }
  }

  @Test
  void should_read_what_the_filesystem_store_addresses_the_same_way(@TempDir Path dir) {
    ArtifactRef onDisk = new FileArtifactStore(dir).putText("same bytes, same key");

    try (S3ArtifactStore store = store("")) {
      assertThat(store.putText("same bytes, same key")).isEqualTo(onDisk);
    }
  }

  @Test
  void should_throw_not_found_for_content_it_never_stored() {
    ArtifactRef missing = new ArtifactRef("0".repeat(64), "text/plain", 3);

    try (S3ArtifactStore store = store("round-trip")) {
      assertThatThrownBy(() -> store.read(missing))
          .isInstanceOf(ArtifactNotFoundException.class)
          .hasMessageContaining("0".repeat(64));
    }
  }

  private static S3ArtifactStore store(String prefix) {
    return new S3ArtifactStore(
        S3ArtifactBucket.connect(server.settings(prefix), S3MockServer.environment()));
  }
}
