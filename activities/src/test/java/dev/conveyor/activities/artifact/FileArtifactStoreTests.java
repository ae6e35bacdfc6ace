package dev.conveyor.activities.artifact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.conveyor.workflow.model.ArtifactRef;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileArtifactStoreTests {

  @TempDir Path root;

  @Test
  void should_read_back_what_was_stored() {
    FileArtifactStore store = new FileArtifactStore(root);
    byte[] png = {(byte) 0x89, 'P', 'N', 'G', 1, 2, 3};

    ArtifactRef text = store.putText("Grüße from Conveyor");
    ArtifactRef image = store.put(png, "image/png");

    assertThat(store.readText(text)).isEqualTo("Grüße from Conveyor");
    assertThat(text.contentType()).isEqualTo("text/plain; charset=utf-8");
    assertThat(text.sizeBytes())
        .isEqualTo("Grüße from Conveyor".getBytes(StandardCharsets.UTF_8).length);
    assertThat(store.read(image)).isEqualTo(png);
    assertThat(image.contentType()).isEqualTo("image/png");
    assertThat(root.resolve(image.relativePath())).exists();
  }

  @Test
  void should_address_content_by_its_sha256() {
    ArtifactRef ref = new FileArtifactStore(root).putText("abc");

    assertThat(ref.sha256())
        .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  }

  @Test
  void should_keep_one_file_and_not_rewrite_it_when_the_same_content_is_stored_again()
      throws IOException {
    FileArtifactStore store = new FileArtifactStore(root);
    ArtifactRef first = store.putText("same bytes");
    Path file = root.resolve(first.relativePath());
    FileTime old = FileTime.fromMillis(1_000_000L);
    Files.setLastModifiedTime(file, old);

    ArtifactRef second = store.putText("same bytes");

    assertThat(second).isEqualTo(first);
    assertThat(Files.getLastModifiedTime(file)).isEqualTo(old);
    assertThat(files()).containsExactly(file);
  }

  @Test
  void should_throw_a_dedicated_exception_when_content_is_missing() {
    FileArtifactStore store = new FileArtifactStore(root);
    ArtifactRef missing = new ArtifactRef("0".repeat(64), "text/plain; charset=utf-8", 3);

    assertThatThrownBy(() -> store.read(missing))
        .isInstanceOf(ArtifactNotFoundException.class)
        .hasMessageContaining("0".repeat(64))
        .extracting(e -> ((ArtifactNotFoundException) e).ref())
        .isEqualTo(missing);
  }

  @Test
  void should_refuse_a_reference_that_is_not_a_sha256() {
    FileArtifactStore store = new FileArtifactStore(root);

    assertThatThrownBy(() -> store.read(new ArtifactRef("../../etc/passwd", "text/plain", 1)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void should_detect_a_file_whose_content_no_longer_matches_its_name() throws IOException {
    FileArtifactStore store = new FileArtifactStore(root);
    ArtifactRef ref = store.putText("original");
    Files.writeString(root.resolve(ref.relativePath()), "tampered");

    assertThatThrownBy(() -> store.read(ref)).hasMessageContaining("corrupt");
  }

  @Test
  void should_store_the_same_content_once_when_many_threads_put_it_at_once() throws Exception {
    FileArtifactStore store = new FileArtifactStore(root);
    byte[] content = "x".repeat(1_000_000).getBytes(StandardCharsets.UTF_8);
    int threads = 8;
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<ArtifactRef>> puts = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        Callable<ArtifactRef> put =
            () -> {
              start.await();
              return store.put(content, "text/plain; charset=utf-8");
            };
        puts.add(pool.submit(put));
      }
      start.countDown();
      List<ArtifactRef> refs = new ArrayList<>();
      for (Future<ArtifactRef> put : puts) {
        refs.add(put.get());
      }

      assertThat(refs).containsOnly(refs.get(0));
      assertThat(files()).hasSize(1);
      assertThat(store.read(refs.get(0))).isEqualTo(content);
    } finally {
      pool.shutdownNow();
    }
  }

  private List<Path> files() throws IOException {
    try (Stream<Path> all = Files.walk(root)) {
      return all.filter(Files::isRegularFile).toList();
    }
  }
}
