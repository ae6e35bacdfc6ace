/** The job store in the worker: the embedded PostgreSQL, the schema and the store's activities. */
package dev.conveyor.worker.store;
