package dev.conveyor.worker.wiring;

import dev.conveyor.activities.catalog.ModelCatalog;
import dev.conveyor.worker.config.WorkerProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The model catalog: the providers, models, fallbacks and prices the worker's settings name. */
@Configuration(proxyBeanMethods = false)
class ModelCatalogConfiguration {

  @Bean
  ModelCatalog modelCatalog(WorkerProperties properties) {
    return ModelCatalogFactory.create(properties);
  }
}
