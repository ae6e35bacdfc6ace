/**
 * The artifact store: content addressed by its SHA-256, so that workflow payloads carry references
 * only and a retried activity that stores the same bytes changes nothing.
 */
package dev.conveyor.activities.artifact;
