package dev.conveyor.starter.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.context.ConfigurationPropertiesAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;

/** The security settings: binding, validation at start-up, and the documented dev defaults. */
class SecurityPropertiesTests {

  @Configuration(proxyBeanMethods = false)
  @EnableConfigurationProperties(ConveyorSecurityProperties.class)
  static class Properties {}

  private final ApplicationContextRunner runner =
      new ApplicationContextRunner()
          .withConfiguration(
              AutoConfigurations.of(
                  ConfigurationPropertiesAutoConfiguration.class,
                  ValidationAutoConfiguration.class))
          .withUserConfiguration(Properties.class);

  @Test
  void should_bind_keys_and_users_with_roles_in_any_case() {
    runner
        .withPropertyValues(
            "conveyor.security.api-keys[0].name=shop",
            "conveyor.security.api-keys[0].sha256=" + ApiKeys.sha256("k"),
            "conveyor.security.api-keys[0].roles=Submitter,REVIEWER",
            "conveyor.security.users[0].name=rita",
            "conveyor.security.users[0].password={noop}x",
            "conveyor.security.users[0].roles=admin")
        .run(
            context -> {
              ConveyorSecurityProperties security =
                  context.getBean(ConveyorSecurityProperties.class);
              assertThat(security.allowSelfApproval()).isFalse();
              assertThat(security.apiKeys().get(0).roles())
                  .isEqualTo(Set.of(Role.SUBMITTER, Role.REVIEWER));
              assertThat(new ApiKeys(security.apiKeys()).find("k")).isPresent();
              assertThat(new ApiKeys(security.apiKeys()).find("K")).isEmpty();
              assertThat(security.users().get(0).roles()).containsExactly(Role.ADMIN);
              assertThat(security.jwt().rolesClaim()).isEqualTo("roles");
            });
  }

  @Test
  void should_fail_at_start_up_when_a_key_has_no_hash_as_an_unset_environment_variable_leaves_it() {
    runner
        .withPropertyValues(
            "conveyor.security.api-keys[0].name=shop",
            "conveyor.security.api-keys[0].sha256=",
            "conveyor.security.api-keys[0].roles=submitter")
        .run(
            context ->
                assertThat(context)
                    .hasFailed()
                    .getFailure()
                    .rootCause()
                    .hasMessageContaining("apiKeys[0].sha256"));
  }

  @Test
  void should_ship_development_defaults_that_match_the_documented_key_and_passwords()
      throws IOException {
    PropertySource<?> yml =
        new YamlPropertySourceLoader()
            .load("application", new ClassPathResource("application.yml"))
            .get(0);
    PasswordEncoder passwords = PasswordEncoderFactories.createDelegatingPasswordEncoder();

    assertThat(yml.getProperty("conveyor.security.api-keys[0].name")).hasToString("local-dev");
    assertThat(yml.getProperty("conveyor.security.api-keys[0].sha256"))
        .hasToString(ApiKeys.sha256("local-dev-key"));
    for (int i = 0; i < 3; i++) {
      String name = String.valueOf(yml.getProperty("conveyor.security.users[" + i + "].name"));
      String hash = String.valueOf(yml.getProperty("conveyor.security.users[" + i + "].password"));
      assertThat(passwords.matches(name + "-dev", hash)).as(name).isTrue();
    }
    assertThat(yml.getProperty("conveyor.security.allow-self-approval")).isEqualTo(false);
  }
}
