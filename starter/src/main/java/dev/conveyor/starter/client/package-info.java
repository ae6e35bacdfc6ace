/**
 * The Java client API: what a service needs to submit jobs, follow them and decide on them without
 * going through REST. {@link dev.conveyor.starter.client.JobClient} is the entry point; every
 * Temporal error is turned into one of this package's exceptions in one place.
 */
package dev.conveyor.starter.client;
