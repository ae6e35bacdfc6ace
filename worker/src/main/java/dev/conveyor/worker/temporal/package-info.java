/** The Temporal side of the worker: the embedded test server and worker options. */
package dev.conveyor.worker.temporal;
