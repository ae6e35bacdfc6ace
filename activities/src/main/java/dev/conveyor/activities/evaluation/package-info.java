/**
 * The evaluation's activities and its report: reading golden cases from the artifact store,
 * gathering the child jobs' attempts and calls from the job store, computing the per-profile
 * figures and the verdict ({@link dev.conveyor.activities.evaluation.EvaluationReports}, plain
 * Java), and rendering them as JSON, Markdown and HTML with inline SVG plots. It may touch the
 * artifact store, the job store's queries and the workflow's records; it calls no model.
 */
package dev.conveyor.activities.evaluation;
