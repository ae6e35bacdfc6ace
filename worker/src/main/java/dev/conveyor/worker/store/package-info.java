/**
 * The job store in the worker: the embedded PostgreSQL (and the stopping of one a killed worker
 * left running on its data folder), the schema and the store's activities.
 */
package dev.conveyor.worker.store;
