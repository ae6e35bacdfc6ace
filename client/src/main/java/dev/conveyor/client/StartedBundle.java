package dev.conveyor.client;

/**
 * The answer to a bundle's submission.
 *
 * @param bundleId the bundle's id, which is its workflow id; its parts' jobs are {@code
 *     <bundleId>.<part>.<run>}
 * @param parts how many parts the bundle makes
 */
public record StartedBundle(String bundleId, int parts) {}
