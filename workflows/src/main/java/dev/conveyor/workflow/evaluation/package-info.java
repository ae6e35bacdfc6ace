/**
 * Evaluation runs: a golden set (stored as an artifact; the workflow carries its reference) run
 * against several routing profiles as child jobs with approval policy {@code NEVER}, at most a few
 * at a time, ending with a report written by an activity. It may use the job workflow's interface
 * and records and the Temporal workflow API; like the job workflow it does no I/O.
 */
package dev.conveyor.workflow.evaluation;
