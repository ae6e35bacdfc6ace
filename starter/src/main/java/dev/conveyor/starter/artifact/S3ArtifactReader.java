package dev.conveyor.starter.artifact;

import dev.conveyor.artifacts.ArtifactFiles;
import dev.conveyor.artifacts.S3ArtifactBucket;
import dev.conveyor.workflow.model.ArtifactRef;

/**
 * Reads artifacts from the S3 bucket the workers write to ({@code conveyor.artifacts.store=s3}),
 * through the same bucket access as the workers' store.
 */
public final class S3ArtifactReader implements ArtifactReader, ArtifactWriter, AutoCloseable {

  private final S3ArtifactBucket bucket;

  /** Reads from a connected bucket, which closing the reader closes. */
  public S3ArtifactReader(S3ArtifactBucket bucket) {
    this.bucket = bucket;
  }

  @Override
  public ArtifactRef write(byte[] content, String contentType) {
    ArtifactRef ref = ArtifactFiles.referenceOf(content, contentType);
    bucket.put(ref, content);
    return ref;
  }

  @Override
  public byte[] read(ArtifactRef ref) {
    return bucket
        .get(ref)
        .orElseThrow(
            () ->
                new ArtifactNotFoundException(
                    ref,
                    "artifact "
                        + ref.sha256()
                        + " is not in "
                        + bucket.location()
                        + " (conveyor.artifacts.s3 must name the workers' bucket)"));
  }

  @Override
  public void close() {
    bucket.close();
  }
}
