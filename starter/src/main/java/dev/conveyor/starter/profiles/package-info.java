/**
 * Routing profiles as the starter knows them: the names the workers recorded in the job store. May
 * touch the store's {@code RoutingProfiles} and the workflow's request model; never the workers'
 * model configuration.
 */
package dev.conveyor.starter.profiles;
