/**
 * The users' side of Conveyor: a Spring Boot application that serves the REST API and, when its
 * first argument names a command, runs the command line instead. It talks to Temporal only through
 * the Java client of the client module ({@link dev.conveyor.client.JobClient}) and runs no workers.
 */
package dev.conveyor.starter;
