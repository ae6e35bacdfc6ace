package dev.conveyor.workflow.model;

/**
 * A claim check for content held in the artifact store: workflow payloads carry this reference,
 * never the content itself. Artifacts are addressed by the SHA-256 of their bytes.
 *
 * @param sha256 the lower-case hex SHA-256 of the content
 * @param contentType the MIME type, for example {@code text/plain; charset=utf-8} or {@code
 *     image/png}
 * @param sizeBytes the size of the content
 */
public record ArtifactRef(String sha256, String contentType, long sizeBytes) {

  /** Returns the artifact's path relative to the store's root: {@code ab/abcdef...}. */
  public String relativePath() {
    if (sha256 == null || !sha256.matches("[0-9a-f]{64}")) {
      throw new IllegalArgumentException("not a SHA-256 artifact id: " + sha256);
    }
    return sha256.substring(0, 2) + "/" + sha256;
  }

  /** Returns whether the content is an image. */
  public boolean image() {
    return contentType != null && contentType.startsWith("image/");
  }
}
