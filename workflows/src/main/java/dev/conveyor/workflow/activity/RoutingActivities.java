package dev.conveyor.workflow.activity;

import dev.conveyor.workflow.model.Step;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;
import java.util.Map;

/**
 * Tells the workflow which model serves each step, for its status and the Temporal UI, and what
 * calls cost, for its budget.
 */
@ActivityInterface
public interface RoutingActivities {

  /** Returns the model configured for each step, as {@code provider/model}. */
  @ActivityMethod(name = "DescribeRoutes")
  Map<Step, String> describeRoutes();

  /**
   * Returns the prices and expected call sizes of each step's standard and economy models, the
   * default budget and the default budget policy, from the worker's configuration.
   */
  @ActivityMethod(name = "DescribeBudget")
  BudgetSheet describeBudget();

  /**
   * Returns the model configured for each step of a routing profile, as {@code provider/model}.
   * Fails for good, with type {@code UnknownProfile}, when the worker knows no such profile.
   */
  @ActivityMethod(name = "DescribeProfileRoutes")
  Map<Step, String> describeProfileRoutes(String profile);

  /** Returns the budget sheet of a routing profile's models, as {@link #describeBudget()} does. */
  @ActivityMethod(name = "DescribeProfileBudget")
  BudgetSheet describeProfileBudget(String profile);
}
