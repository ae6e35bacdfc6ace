/**
 * The Java client of Conveyor: start, follow and decide jobs through Temporal. It owns the
 * client-side view of a job (options, errors, the started job) and may touch only the workflows
 * module's interfaces and records and the Temporal SDK.
 */
package dev.conveyor.client;
