package dev.conveyor.activities.routing;

import dev.conveyor.activities.model.ModelCatalog;
import dev.conveyor.workflow.activity.RoutingActivities;
import dev.conveyor.workflow.model.Step;
import java.util.Map;

/** Describes the model catalog to the workflow, for its status and the Temporal UI. */
public class RoutingActivitiesImpl implements RoutingActivities {

  private final ModelCatalog catalog;

  public RoutingActivitiesImpl(ModelCatalog catalog) {
    this.catalog = catalog;
  }

  @Override
  public Map<Step, String> describeRoutes() {
    return catalog.describeAll();
  }
}
