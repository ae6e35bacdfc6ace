/**
 * The {@code conveyor} command line: submits and follows jobs through the REST API with the JDK's
 * HTTP client, without starting Spring. Exit codes: 0 ok, 1 other errors, 2 usage error, 3 not
 * found, 4 conflict.
 */
package dev.conveyor.starter.cli;
