package dev.conveyor.starter.artifact;

import dev.conveyor.workflow.model.ArtifactRef;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/**
 * Reads artifacts by reference from the worker's artifact folder, where each lives at {@code
 * dir/<ref.relativePath()>}. Content is addressed by its SHA-256, which is checked on every read.
 */
public class ArtifactReader {

  private final Path dir;

  public ArtifactReader(Path dir) {
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

  /**
   * Returns an artifact's bytes.
   *
   * @throws ArtifactNotFoundException when the file is missing
   * @throws IllegalStateException when the file does not hash to the reference's SHA-256
   * @throws UncheckedIOException when the file cannot be read
   */
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
    String actual = sha256(bytes);
    if (!actual.equals(ref.sha256())) {
      throw new IllegalStateException(
          "artifact "
              + ref.sha256()
              + " at "
              + file
              + " is corrupt: its content hashes to "
              + actual);
    }
    return bytes;
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
  }
}
