/**
 * The job store in the worker: the embedded PostgreSQL, the schema and the store's activities (the
 * projection writer and the approval reminders).
 *
 * <p>It may touch the {@code store} module, the store and reminder activities and the worker's
 * settings.
 */
package dev.conveyor.worker.store;
