package dev.conveyor.artifacts;

/** Where the artifact store keeps content, the value of {@code conveyor.artifacts.store}. */
public enum ArtifactStoreKind {
  /** A folder that every worker and the starter mount: one host, or a shared filesystem. */
  FILESYSTEM,
  /** A bucket of AWS S3 or of an S3-compatible server such as MinIO: workers on many hosts. */
  S3
}
