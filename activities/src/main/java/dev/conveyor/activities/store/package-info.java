/** The job store activity: the workflow's projection written into PostgreSQL. */
package dev.conveyor.activities.store;
