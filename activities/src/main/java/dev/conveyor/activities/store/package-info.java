/**
 * The job store activity: the workflow's projection written into PostgreSQL.
 *
 * <p>It may touch the store module's writer ({@code dev.conveyor.store}) and the workflow's
 * activity interface.
 */
package dev.conveyor.activities.store;
