/**
 * The job store in the worker: the embedded PostgreSQL (and the stopping of one a killed worker
 * left running on its data folder), the schema and the store's activities (the projection writer
 * and the approval reminders), and the {@code jobStore} health component that reports the store
 * DEGRADED while a job's record is behind; at start-up it records the worker's routing profiles in
 * the store.
 *
 * <p>It may touch the {@code store} module, the store and reminder activities, the model catalog
 * (to name the profiles) and the worker's settings.
 */
package dev.conveyor.worker.store;
