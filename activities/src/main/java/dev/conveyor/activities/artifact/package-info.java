/**
 * The artifact store: content addressed by its SHA-256, so that workflow payloads carry references
 * only and a retried activity that stores the same bytes changes nothing.
 *
 * <p>It may touch the workflow's records and activity errors, the file system under its folder, and
 * an S3 bucket through the {@code artifacts} module's bucket access.
 */
package dev.conveyor.activities.artifact;
