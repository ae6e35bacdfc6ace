package dev.conveyor.artifacts;

import dev.conveyor.workflow.model.ArtifactRef;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Writes artifacts into an artifact folder, each as one file named by its SHA-256 under {@code
 * root/ab/abcdef...}: to a temporary file beside its final name, flushed to disk and then renamed
 * atomically, so a reader never sees a partial file, even when the writer crashes or two processes
 * store the same content at once. The workers' store and the starter's uploads both write this way.
 */
public final class ArtifactFiles {

  private ArtifactFiles() {}

  /** Returns the reference of content: its SHA-256, content type and size. */
  public static ArtifactRef referenceOf(byte[] content, String contentType) {
    if (content == null) {
      throw new IllegalArgumentException("content to store must not be null");
    }
    if (contentType == null || contentType.isBlank()) {
      throw new IllegalArgumentException("content to store needs a content type");
    }
    return new ArtifactRef(ArtifactDigest.sha256(content), contentType, content.length);
  }

  /**
   * Stores content in the folder, once: content already there is kept, and its reference returned.
   */
  public static ArtifactRef write(Path root, byte[] content, String contentType) {
    ArtifactRef ref = referenceOf(content, contentType);
    Path target = root.resolve(ref.relativePath());
    try {
      if (Files.isRegularFile(target) && Files.size(target) == content.length) {
        return ref;
      }
      Files.createDirectories(target.getParent());
      writeAtomically(target, content);
      return ref;
    } catch (IOException e) {
      throw new UncheckedIOException("could not store artifact " + ref.sha256(), e);
    }
  }

  private static void writeAtomically(Path target, byte[] content) throws IOException {
    Path temp = Files.createTempFile(target.getParent(), ".incoming-", ".tmp");
    try {
      try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
        ByteBuffer buffer = ByteBuffer.wrap(content);
        while (buffer.hasRemaining()) {
          channel.write(buffer);
        }
        channel.force(true);
      }
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(temp);
    }
  }
}
