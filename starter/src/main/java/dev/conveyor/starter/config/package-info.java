/**
 * Settings of the starter, bound to immutable records and validated at start-up, and the Spring
 * wiring of the client module's {@link dev.conveyor.client.JobClient} on the Temporal Boot
 * starter's client.
 */
package dev.conveyor.starter.config;
