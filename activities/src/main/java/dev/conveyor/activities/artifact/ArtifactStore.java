package dev.conveyor.activities.artifact;

import dev.conveyor.artifacts.ArtifactFiles;
import dev.conveyor.workflow.model.ArtifactRef;
import java.nio.charset.StandardCharsets;

/**
 * Holds the content that workflows refer to by {@link ArtifactRef}. Content is addressed by the
 * SHA-256 of its bytes: storing the same bytes twice returns the same reference and keeps one copy,
 * so an activity that is retried after a crash can store its output again without harm.
 */
public interface ArtifactStore {

  /** The content type of text stored with {@link #putText(String)}. */
  String TEXT_PLAIN = "text/plain; charset=utf-8";

  /**
   * Stores content and returns its reference. Storing bytes that are already in the store returns
   * the same reference and leaves the stored copy untouched.
   *
   * @param content the bytes to store
   * @param contentType the MIME type the reference carries, for example {@code image/png}
   * @return the reference of the stored content
   */
  ArtifactRef put(byte[] content, String contentType);

  /**
   * Stores text encoded as UTF-8, with the content type {@value #TEXT_PLAIN}.
   *
   * @param text the text to store
   * @return the reference of the stored text
   */
  default ArtifactRef putText(String text) {
    if (text == null) {
      throw new IllegalArgumentException("text to store must not be null");
    }
    return put(text.getBytes(StandardCharsets.UTF_8), TEXT_PLAIN);
  }

  /**
   * Reads the content of a reference. The reference's content type is not needed to find it.
   *
   * @param ref the reference
   * @return the stored bytes
   * @throws ArtifactNotFoundException when the store does not hold the content
   */
  byte[] read(ArtifactRef ref);

  /**
   * Reads the content of a reference as UTF-8 text.
   *
   * @param ref the reference
   * @return the stored text
   * @throws ArtifactNotFoundException when the store does not hold the content
   */
  default String readText(ArtifactRef ref) {
    return new String(read(ref), StandardCharsets.UTF_8);
  }

  /**
   * Returns the reference of content about to be stored.
   *
   * @throws IllegalArgumentException when the content or its type is missing
   */
  static ArtifactRef referenceOf(byte[] content, String contentType) {
    return ArtifactFiles.referenceOf(content, contentType);
  }
}
