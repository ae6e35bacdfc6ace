/**
 * The {@code conveyor} command line: one command per operation of the REST API, sent with the JDK's
 * HTTP client without starting Spring; it reads the API's answers into the records of the
 * workflows, client and store modules. Exit codes: 0 ok, 1 other errors, 2 usage error or invalid
 * request, 3 not found, 4 conflict, 5 not authenticated or not allowed.
 */
package dev.conveyor.starter.cli;
