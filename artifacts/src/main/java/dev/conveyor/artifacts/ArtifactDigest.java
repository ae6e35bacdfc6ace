package dev.conveyor.artifacts;

import dev.conveyor.workflow.model.ArtifactRef;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** The SHA-256 that addresses an artifact's content, and the check that content matches it. */
public final class ArtifactDigest {

  private ArtifactDigest() {}

  /** Returns the lower-case hex SHA-256 of the content. */
  public static String sha256(byte[] content) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
  }

  /**
   * Returns the content when it hashes to the reference's SHA-256.
   *
   * @param where where the content was read, for the error message
   * @throws IllegalStateException when the content is corrupt
   */
  public static byte[] verified(ArtifactRef ref, byte[] content, String where) {
    String actual = sha256(content);
    if (!actual.equals(ref.sha256())) {
      throw new IllegalStateException(
          "artifact "
              + ref.sha256()
              + " at "
              + where
              + " is corrupt: its content hashes to "
              + actual);
    }
    return content;
  }
}
