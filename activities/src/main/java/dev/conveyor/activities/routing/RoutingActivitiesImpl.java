package dev.conveyor.activities.routing;

import dev.conveyor.activities.catalog.ModelCatalog;
import dev.conveyor.workflow.activity.BudgetSheet;
import dev.conveyor.workflow.activity.RoutingActivities;
import dev.conveyor.workflow.model.ModelTier;
import dev.conveyor.workflow.model.Step;
import java.util.EnumMap;
import java.util.Map;

/**
 * Describes the model catalog to the workflow, for its status and the Temporal UI, and the prices
 * and budget settings, for its budget.
 */
public class RoutingActivitiesImpl implements RoutingActivities {

  private final ModelCatalog catalog;
  private final BudgetSettings budget;

  public RoutingActivitiesImpl(ModelCatalog catalog) {
    this(catalog, BudgetSettings.defaults());
  }

  public RoutingActivitiesImpl(ModelCatalog catalog, BudgetSettings budget) {
    this.catalog = catalog;
    this.budget = budget == null ? BudgetSettings.defaults() : budget;
  }

  @Override
  public Map<Step, String> describeRoutes() {
    return catalog.describeAll();
  }

  @Override
  public BudgetSheet describeBudget() {
    return budgetSheet(catalog);
  }

  @Override
  public Map<Step, String> describeProfileRoutes(String profile) {
    return catalog.profile(profile).describeAll();
  }

  @Override
  public BudgetSheet describeProfileBudget(String profile) {
    return budgetSheet(catalog.profile(profile));
  }

  private BudgetSheet budgetSheet(ModelCatalog catalog) {
    Map<Step, Map<ModelTier, BudgetSheet.CallPrice>> steps = new EnumMap<>(Step.class);
    for (Step step : Step.values()) {
      Map<ModelTier, BudgetSheet.CallPrice> tiers = new EnumMap<>(ModelTier.class);
      for (ModelTier tier : ModelTier.values()) {
        tiers.put(tier, CallEstimates.of(step, catalog.chain(step, tier).get(0).settings()));
      }
      steps.put(step, tiers);
    }
    return new BudgetSheet(steps, budget.defaultUsd(), budget.policy());
  }
}
