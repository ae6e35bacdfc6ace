/**
 * The starter's side of the job store: its queries, the awaiting-approval gauge, start-up check.
 */
package dev.conveyor.starter.store;
