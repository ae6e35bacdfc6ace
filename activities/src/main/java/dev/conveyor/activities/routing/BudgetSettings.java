package dev.conveyor.activities.routing;

import dev.conveyor.activities.catalog.ModelSettings;
import dev.conveyor.workflow.model.BudgetPolicy;
import dev.conveyor.workflow.model.Step;
import java.math.BigDecimal;
import java.util.Map;

/**
 * The budget settings under {@code conveyor.budget}.
 *
 * @param defaultUsd the budget of a job whose request names none, null for no limit
 * @param policy what a job does when its next paid call would overrun its budget, unless its
 *     request says otherwise (default SWITCH)
 * @param economy the cheaper model of each step that SWITCH uses; a step left out switches to its
 *     offline model
 */
public record BudgetSettings(
    BigDecimal defaultUsd, BudgetPolicy policy, Map<Step, ModelSettings> economy) {

  public BudgetSettings {
    policy = policy == null ? BudgetPolicy.SWITCH : policy;
    economy = economy == null ? Map.of() : Map.copyOf(economy);
  }

  /** Returns the defaults: no budget, policy SWITCH, offline economy models. */
  public static BudgetSettings defaults() {
    return new BudgetSettings(null, null, null);
  }
}
