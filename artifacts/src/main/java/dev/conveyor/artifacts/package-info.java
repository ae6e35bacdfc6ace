/**
 * Where artifacts live: the artifact store's settings ({@code conveyor.artifacts.*}, a folder or an
 * S3-compatible bucket) and the access to an S3 bucket through the AWS SDK v2. The worker writes
 * through it and the starter reads through it. It may touch the workflow contracts' {@code
 * ArtifactRef} and the AWS SDK, nothing of the activities or of Spring.
 */
package dev.conveyor.artifacts;
