/** Tells the workflow which model serves each step. */
package dev.conveyor.activities.routing;
