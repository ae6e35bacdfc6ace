/**
 * Reminders before a job's approval deadline: log line, metric and webhook.
 *
 * <p>It may touch the workflow's activity interface, Micrometer and an HTTP client for the webhook.
 */
package dev.conveyor.activities.reminder;
