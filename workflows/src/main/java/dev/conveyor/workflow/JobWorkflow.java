package dev.conveyor.workflow;

import dev.conveyor.workflow.model.Decision;
import dev.conveyor.workflow.model.JobRequest;
import dev.conveyor.workflow.model.JobResult;
import dev.conveyor.workflow.model.JobStatus;
import dev.conveyor.workflow.model.ReviewDecision;
import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.UpdateMethod;
import io.temporal.workflow.UpdateValidatorMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * A Conveyor job: turns business requirements into an approved output through prompt generation,
 * generation, automated QA with bounded retries and, when the approval policy asks, a human
 * decision. The workflow type is {@value #WORKFLOW_TYPE}; every handler takes and returns one JSON
 * object, so any Temporal client can drive it.
 */
@WorkflowInterface
public interface JobWorkflow {

  /** The workflow type name that clients in any language start. */
  String WORKFLOW_TYPE = "ConveyorJob";

  /** The default task queue of the worker. */
  String DEFAULT_TASK_QUEUE = "conveyor-jobs";

  /**
   * Runs the job to a final state and returns how it ended. Business outcomes, failures included,
   * are results; the workflow does not fail for them.
   */
  @WorkflowMethod(name = WORKFLOW_TYPE)
  JobResult run(JobRequest request);

  /**
   * Approves the output awaiting a decision. A decision that arrives when none is awaited is
   * recorded as ignored and changes nothing.
   */
  @SignalMethod(name = "approve")
  void approve(Decision decision);

  /**
   * Rejects the output awaiting a decision; with {@code regenerate} the comment feeds a new
   * revision. A decision that arrives when none is awaited is recorded as ignored.
   */
  @SignalMethod(name = "reject")
  void reject(Decision decision);

  /**
   * Applies a decision synchronously and returns the job's status once the job has acted on it:
   * APPROVED or REJECTED, or the new revision under way. The validator rejects a decision out of
   * turn or an invalid one (see {@link DecisionRejection}), so the caller learns at once that
   * nothing was applied.
   */
  @UpdateMethod(name = "decide")
  JobStatus decide(ReviewDecision decision);

  /** Rejects a decision that is invalid or arrives when no decision is awaited. */
  @UpdateValidatorMethod(updateName = "decide")
  void validateDecision(ReviewDecision decision);

  /** Returns the job's progress: stage, attempts with their verdicts, models, tokens and cost. */
  @QueryMethod(name = "status")
  JobStatus status();
}
