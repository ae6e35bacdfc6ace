/** Builds the activity beans from the worker's settings. */
package dev.conveyor.worker.wiring;
