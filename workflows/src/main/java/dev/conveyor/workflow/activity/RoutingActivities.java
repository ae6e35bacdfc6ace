package dev.conveyor.workflow.activity;

import dev.conveyor.workflow.model.Step;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;
import java.util.Map;

/** Tells the workflow which model serves each step, for its status and the Temporal UI. */
@ActivityInterface
public interface RoutingActivities {

  /** Returns the model configured for each step, as {@code provider/model}. */
  @ActivityMethod(name = "DescribeRoutes")
  Map<Step, String> describeRoutes();
}
