package dev.conveyor.activities.artifact;

import dev.conveyor.artifacts.ArtifactDigest;
import dev.conveyor.artifacts.ArtifactFiles;
import dev.conveyor.workflow.model.ArtifactRef;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * An artifact store on a filesystem, shared by every worker that mounts the same folder. Each
 * artifact is one file named by its SHA-256 under {@code root/ab/abcdef...}. A file is written to a
 * temporary file beside its final name, flushed to disk and then renamed atomically, so a reader
 * never sees a partial file, even when the writer crashes or two workers store the same content at
 * once. The content type travels in the {@link ArtifactRef}; the store keeps bytes only.
 */
public final class FileArtifactStore implements ArtifactStore {

  private final Path root;

  /** Creates a store under the given folder, which is created when the first artifact arrives. */
  public FileArtifactStore(Path root) {
    if (root == null) {
      throw new IllegalArgumentException("the artifact store needs a root folder");
    }
    this.root = root.toAbsolutePath().normalize();
  }

  /** Returns the folder that holds the artifacts. */
  public Path root() {
    return root;
  }

  @Override
  public ArtifactRef put(byte[] content, String contentType) {
    return ArtifactFiles.write(root, content, contentType);
  }

  @Override
  public byte[] read(ArtifactRef ref) {
    if (ref == null) {
      throw new IllegalArgumentException("artifact reference must not be null");
    }
    byte[] content;
    try {
      content = Files.readAllBytes(root.resolve(ref.relativePath()));
    } catch (NoSuchFileException e) {
      throw new ArtifactNotFoundException(ref);
    } catch (IOException e) {
      throw new UncheckedIOException("could not read artifact " + ref.sha256(), e);
    }
    return ArtifactDigest.verified(ref, content, root.toString());
  }
}
