/** Tells the workflow which model serves each step, and what calls cost for its budget. */
package dev.conveyor.activities.routing;
