package dev.conveyor.starter.artifact;

import dev.conveyor.artifacts.ArtifactDigest;
import dev.conveyor.artifacts.ArtifactFiles;
import dev.conveyor.workflow.model.ArtifactRef;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Reads artifacts by reference from, and stores uploads into, the workers' artifact folder ({@code
 * conveyor.artifacts.store=filesystem}), where each lives at {@code dir/<ref.relativePath()>}.
 * Content is addressed by its SHA-256, which is checked on every read.
 */
public final class FolderArtifactReader implements ArtifactReader, ArtifactWriter {

  private final Path dir;

  public FolderArtifactReader(Path dir) {
    this.dir = Objects.requireNonNull(dir, "dir").toAbsolutePath().normalize();
  }

  /** Returns the folder artifacts are read from. */
  public Path dir() {
    return dir;
  }

  /** Returns the file that holds an artifact, whether or not it exists. */
  public Path pathOf(ArtifactRef ref) {
    return dir.resolve(ref.relativePath());
  }

  @Override
  public ArtifactRef write(byte[] content, String contentType) {
    return ArtifactFiles.write(dir, content, contentType);
  }

  @Override
  public byte[] read(ArtifactRef ref) {
    Path file = pathOf(ref);
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new ArtifactNotFoundException(
          ref,
          "artifact "
              + ref.sha256()
              + " is not in the artifact folder "
              + dir
              + " (conveyor.artifacts.dir must be the worker's artifact folder)");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read artifact " + ref.sha256() + " at " + file, e);
    }
    return ArtifactDigest.verified(ref, bytes, file.toString());
  }
}
