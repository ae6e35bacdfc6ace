package dev.conveyor.worker.wiring;

import dev.conveyor.activities.catalog.ModelCatalog;
import dev.conveyor.activities.catalog.ModelSettings;
import dev.conveyor.activities.catalog.PriceTable;
import dev.conveyor.worker.StartupFailure;
import dev.conveyor.worker.config.WorkerProperties;
import dev.conveyor.workflow.model.JobRequestValidator;
import dev.conveyor.workflow.model.Step;
import java.util.Map;
import java.util.TreeMap;

/**
 * Builds the model catalog, with a catalog per routing profile, and reports a configuration mistake
 * as one clear line naming the property.
 */
final class ModelCatalogFactory {

  private ModelCatalogFactory() {}

  static ModelCatalog create(WorkerProperties properties) {
    try {
      ModelCatalog standard = catalog(properties, properties.models());
      Map<String, ModelCatalog> profiles = new TreeMap<>();
      properties
          .profiles()
          .forEach((name, profile) -> profiles.put(name, profile(properties, name, profile)));
      return standard.withProfiles(profiles);
    } catch (IllegalArgumentException e) {
      throw StartupFailure.configuration(e.getMessage(), e);
    }
  }

  private static ModelCatalog profile(
      WorkerProperties properties, String name, WorkerProperties.Profile profile) {
    String prefix = "conveyor.profiles." + name;
    if (!JobRequestValidator.PROFILE_NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          prefix + ": a profile name is 1 to 40 lower-case letters, digits or dashes");
    }
    try {
      return catalog(properties, profile.models());
    } catch (IllegalArgumentException e) {
      // The catalog names conveyor.models; the mistake is in this profile's models.
      String message = e.getMessage();
      throw new IllegalArgumentException(
          message.startsWith("conveyor.models")
              ? prefix + "." + message.substring("conveyor.".length())
              : prefix + ": " + message,
          e);
    }
  }

  private static ModelCatalog catalog(
      WorkerProperties properties, Map<Step, ModelSettings> models) {
    return ModelCatalog.create(
        models,
        properties.budget().economy(),
        new PriceTable(properties.pricing().models()),
        properties.offline(),
        System::getenv);
  }
}
