package dev.conveyor.worker.wiring;

import dev.conveyor.activities.catalog.ModelCatalog;
import dev.conveyor.activities.catalog.PriceTable;
import dev.conveyor.worker.StartupFailure;
import dev.conveyor.worker.config.WorkerProperties;

/** Builds the model catalog and reports a configuration mistake as one clear line. */
final class ModelCatalogFactory {

  private ModelCatalogFactory() {}

  static ModelCatalog create(WorkerProperties properties) {
    try {
      return ModelCatalog.create(
          properties.models(),
          properties.budget().economy(),
          new PriceTable(properties.pricing().models()),
          properties.offline(),
          System::getenv);
    } catch (IllegalArgumentException e) {
      throw StartupFailure.configuration(e.getMessage(), e);
    }
  }
}
