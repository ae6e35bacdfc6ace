package dev.conveyor.client;

/**
 * The answer to a bundle's submission.
 *
 * @param bundleId the bundle's id, which is its workflow id; its parts' jobs are {@code
 *     <bundleId>.<part>.<run>}
 * @param parts how many parts the bundle makes
 * @param created true when this call started the bundle, false when a bundle with the same
 *     idempotency key and request already existed
 */
public record StartedBundle(String bundleId, int parts, boolean created) {

  /** Returns the answer for a bundle this call started. */
  public StartedBundle(String bundleId, int parts) {
    this(bundleId, parts, true);
  }
}
