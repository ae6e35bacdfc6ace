package dev.conveyor.workflow;

import dev.conveyor.workflow.model.BundleDecision;
import dev.conveyor.workflow.model.BundleRequest;
import dev.conveyor.workflow.model.BundleStatus;
import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.UpdateMethod;
import io.temporal.workflow.UpdateValidatorMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * A Conveyor bundle: named parts (text, images, code) made together, each by a child {@link
 * JobWorkflow} that ends after QA; a part that uses others starts once they passed QA and receives
 * their outputs. The parts are then checked against each other, and one human decision approves
 * them all or sends chosen parts back. The workflow type is {@value #WORKFLOW_TYPE}.
 */
@WorkflowInterface
public interface BundleWorkflow {

  /** The workflow type name that clients in any language start. */
  String WORKFLOW_TYPE = "ConveyorBundle";

  /** Runs the bundle to a final state and returns its status then. */
  @WorkflowMethod(name = WORKFLOW_TYPE)
  BundleStatus run(BundleRequest request);

  /**
   * Applies the human decision and returns the bundle's status once the bundle has acted on it:
   * APPROVED or REJECTED, or the parts sent back running again. The validator refuses a decision
   * out of turn, an invalid one, and an approval while a part has no output that passed QA.
   */
  @UpdateMethod(name = "decide")
  BundleStatus decide(BundleDecision decision);

  /** Refuses a decision that is invalid or arrives when no decision is awaited. */
  @UpdateValidatorMethod(updateName = "decide")
  void validateDecision(BundleDecision decision);

  /** Returns the bundle's progress: each part's state, verdicts, output and cost, and the total. */
  @QueryMethod(name = "status")
  BundleStatus status();
}
