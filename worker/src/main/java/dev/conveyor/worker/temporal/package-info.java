/**
 * The Temporal side of the worker: the embedded test server, the data converter, worker options and
 * the task queue of each step kind that has its own.
 *
 * <p>It may touch the Temporal SDK and Spring Boot starter, the workflow's data converter and
 * search attributes, and the worker's settings; no activity.
 */
package dev.conveyor.worker.temporal;
