/**
 * Evaluations over HTTP's back end: checking and storing a golden set, starting the evaluation
 * workflow, reading its progress and report, cancelling it, and exporting reviewers' decisions as a
 * labelled set with its calibration. It uses the Temporal client, the artifact store (to write the
 * golden set and read reports), the job store's queries and the known routing profiles; the REST
 * controller and the console use it.
 */
package dev.conveyor.starter.evaluation;
