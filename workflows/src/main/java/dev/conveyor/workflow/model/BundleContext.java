package dev.conveyor.workflow.model;

import java.util.List;

/**
 * What a bundle tells one of its parts, set on the part's {@link JobRequest}: where it belongs, the
 * outputs of the parts it uses, and the feedback its new run must act on.
 *
 * @param bundleId the workflow id of the bundle
 * @param part the part's name within the bundle
 * @param texts the stored outputs of the TEXT parts it uses, which it must contain word for word
 * @param imageSources the file names of the IMAGE parts it uses (for example {@code hero.png}),
 *     which HTML must reference in an {@code img src}; the bundle's files sit side by side
 * @param feedback what the cross-part check or a reviewer asked this run to change, null for a
 *     first run
 */
public record BundleContext(
    String bundleId,
    String part,
    List<ArtifactRef> texts,
    List<String> imageSources,
    String feedback) {

  public BundleContext {
    texts = texts == null ? List.of() : List.copyOf(texts);
    imageSources = imageSources == null ? List.of() : List.copyOf(imageSources);
  }
}
