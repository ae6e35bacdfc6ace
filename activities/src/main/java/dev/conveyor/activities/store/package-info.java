/**
 * The job store activity: the workflow's projection written into PostgreSQL, and the record of
 * writes that failed for good (a metric, and the jobs whose records are behind).
 *
 * <p>It may touch the store module's writer ({@code dev.conveyor.store}) and the workflow's
 * activity interface, and register meters in Micrometer.
 */
package dev.conveyor.activities.store;
