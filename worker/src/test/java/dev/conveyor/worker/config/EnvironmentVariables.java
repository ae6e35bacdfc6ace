package dev.conveyor.worker.config;

import java.util.Map;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/** Settings given as environment variables, the way a container passes them, for binding tests. */
final class EnvironmentVariables {

  private EnvironmentVariables() {}

  /** Returns a binder that reads the variables with Spring Boot's relaxed environment rules. */
  static Binder binder(Map<String, Object> variables) {
    return new Binder(
        ConfigurationPropertySources.from(
            new SystemEnvironmentPropertySource(
                StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, variables)));
  }
}
