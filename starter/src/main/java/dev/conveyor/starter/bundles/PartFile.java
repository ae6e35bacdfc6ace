package dev.conveyor.starter.bundles;

/**
 * One part's output as a file of its bundle.
 *
 * @param part the part's name
 * @param fileName its name in the bundle, for example {@code hero.png}
 * @param contentType the output's MIME type
 * @param sha256 the output's SHA-256, for an ETag
 * @param content the bytes
 */
public record PartFile(
    String part, String fileName, String contentType, String sha256, byte[] content) {}
