/**
 * The Java client of Conveyor: start, follow and decide jobs through Temporal. {@link
 * dev.conveyor.client.JobClient} is the entry point. It owns the client-side view of a job
 * (options, errors, the started job), turns every Temporal error into one of this package's
 * exceptions in one place, and may touch only the workflows module's interfaces and records and the
 * Temporal SDK.
 */
package dev.conveyor.client;
