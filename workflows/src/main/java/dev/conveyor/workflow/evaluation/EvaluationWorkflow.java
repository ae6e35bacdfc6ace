package dev.conveyor.workflow.evaluation;

import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * An evaluation: runs every case of a golden set on every routing profile asked for, as child jobs
 * that no human approves, a few at a time, then writes a report comparing the profiles. Cancelling
 * it cancels the child jobs still running. The workflow type is {@value #WORKFLOW_TYPE}.
 */
@WorkflowInterface
public interface EvaluationWorkflow {

  /** The workflow type name. */
  String WORKFLOW_TYPE = "ConveyorEvaluation";

  /** Runs the evaluation to its end and returns its final progress, with the report. */
  @WorkflowMethod(name = WORKFLOW_TYPE)
  EvaluationProgress run(EvaluationRequest request);

  /** Returns how far the evaluation is: cases done per profile, and the report once written. */
  @QueryMethod(name = "progress")
  EvaluationProgress progress();
}
