/** Records and enums of jobs: requests, statuses, results, decisions and verdicts. */
package dev.conveyor.workflow.model;
