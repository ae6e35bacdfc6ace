/** Reminders before a job's approval deadline: log line, metric and webhook. */
package dev.conveyor.activities.reminder;
