/**
 * Tells the workflow which model serves each step, and what calls cost for its budget.
 *
 * <p>It may touch the model catalog and the workflow's records; it calls no model.
 */
package dev.conveyor.activities.routing;
