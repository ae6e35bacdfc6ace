package dev.conveyor.starter.testing;

import dev.conveyor.starter.security.ApiKeys;
import org.springframework.test.context.DynamicPropertyRegistry;

/** Configures the starter's API keys from a test's dynamic properties. */
public final class ApiKeyProperties {

  private ApiKeyProperties() {}

  /**
   * Registers {@code conveyor.security.api-keys[index]}. The keys a test registers replace the
   * configured list, so a test that needs the development key registers it too.
   */
  public static void register(
      DynamicPropertyRegistry registry, int index, String name, String key, String roles) {
    String prefix = "conveyor.security.api-keys[" + index + "].";
    registry.add(prefix + "name", () -> name);
    registry.add(prefix + "sha256", () -> ApiKeys.sha256(key));
    registry.add(prefix + "roles", () -> roles);
  }
}
