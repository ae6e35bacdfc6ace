/**
 * The REST API under {@code /api/jobs}: submit a job, follow it, decide on it, download its output
 * and cancel it. Every error answers with a JSON body that names what went wrong, also those the
 * servlet container raises before a controller runs ({@code /error} and Tomcat's error report).
 */
package dev.conveyor.starter.api;
