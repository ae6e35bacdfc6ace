package dev.conveyor.activities.artifact;

import dev.conveyor.artifacts.S3ArtifactBucket;
import dev.conveyor.workflow.model.ArtifactRef;

/**
 * An artifact store in an S3 bucket (AWS S3, MinIO or another S3-compatible server), which workers
 * on any number of hosts share. Keys, idempotence and integrity checks are those of {@link
 * S3ArtifactBucket}; the content type travels in the {@link ArtifactRef} and on the object.
 */
public final class S3ArtifactStore implements ArtifactStore, AutoCloseable {

  private final S3ArtifactBucket bucket;

  /** Creates the store on a connected bucket, which closing the store closes. */
  public S3ArtifactStore(S3ArtifactBucket bucket) {
    this.bucket = bucket;
  }

  @Override
  public ArtifactRef put(byte[] content, String contentType) {
    ArtifactRef ref = ArtifactStore.referenceOf(content, contentType);
    bucket.put(ref, content);
    return ref;
  }

  @Override
  public byte[] read(ArtifactRef ref) {
    if (ref == null) {
      throw new IllegalArgumentException("artifact reference must not be null");
    }
    return bucket.get(ref).orElseThrow(() -> new ArtifactNotFoundException(ref));
  }

  @Override
  public void close() {
    bucket.close();
  }
}
