/**
 * The users' side of Conveyor: a Spring Boot application that serves the REST API and, when its
 * first argument names a command, runs the command line instead. It talks to Temporal as a client
 * only and runs no workers.
 */
package dev.conveyor.starter;
