/**
 * Reads of one job and what follows when Temporal has lost it: {@link
 * dev.conveyor.starter.jobs.JobReads} answers from Temporal while the workflow exists and from the
 * job store otherwise, {@link dev.conveyor.starter.jobs.LostJobs} marks jobs LOST (and {@link
 * dev.conveyor.starter.jobs.LostJobReconciler} runs it at start-up and periodically), {@link
 * dev.conveyor.starter.jobs.Resubmissions} starts a lost job again. It uses the Java client and the
 * job store; the REST API and the console use it.
 */
package dev.conveyor.starter.jobs;
