package dev.conveyor.starter.artifact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.conveyor.workflow.model.ArtifactRef;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FolderArtifactReaderTests {

  @TempDir Path dir;

  @Test
  void should_read_an_artifact_from_its_content_addressed_path() throws Exception {
    byte[] content = "a haiku".getBytes(StandardCharsets.UTF_8);
    ArtifactRef ref = new ArtifactRef(sha256(content), "text/plain; charset=utf-8", content.length);
    store(ref, content);

    assertThat(new FolderArtifactReader(dir).read(ref)).isEqualTo(content);
    assertThat(new FolderArtifactReader(dir).pathOf(ref))
        .isEqualTo(dir.resolve(ref.sha256().substring(0, 2)).resolve(ref.sha256()));
  }

  @Test
  void should_name_the_artifact_and_the_folder_when_the_file_is_missing() throws Exception {
    ArtifactRef ref = new ArtifactRef(sha256(new byte[] {1}), "image/png", 1);

    assertThatThrownBy(() -> new FolderArtifactReader(dir).read(ref))
        .isInstanceOf(ArtifactNotFoundException.class)
        .hasMessageContaining(ref.sha256())
        .hasMessageContaining(dir.toString())
        .hasMessageContaining("conveyor.artifacts.dir");
  }

  @Test
  void should_refuse_content_that_does_not_match_its_hash() throws Exception {
    ArtifactRef ref = new ArtifactRef(sha256(new byte[] {1}), "image/png", 1);
    store(ref, new byte[] {2});

    assertThatThrownBy(() -> new FolderArtifactReader(dir).read(ref))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("is corrupt");
  }

  @Test
  void should_refuse_a_reference_that_is_not_a_sha256() {
    ArtifactRef ref = new ArtifactRef("../../etc/passwd", "text/plain", 1);

    assertThatThrownBy(() -> new FolderArtifactReader(dir).read(ref))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private void store(ArtifactRef ref, byte[] content) throws IOException {
    Path file = dir.resolve(ref.relativePath());
    Files.createDirectories(file.getParent());
    Files.write(file, content);
  }

  private static String sha256(byte[] content) throws NoSuchAlgorithmException {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
  }
}
