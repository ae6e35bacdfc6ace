package dev.conveyor.starter.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.conveyor.starter.ConveyorStarterApplication;
import dev.conveyor.starter.security.ConveyorSecurityProperties.ApiKey;
import dev.conveyor.starter.security.ConveyorSecurityProperties.Jwt;
import dev.conveyor.starter.security.ConveyorSecurityProperties.User;
import dev.conveyor.starter.security.DevCredentialsGuard.DevCredentialsExposedException;
import dev.conveyor.store.testing.TestPostgres;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * The starter serves loopback unless configured, and refuses, in one line, to serve any other
 * address with a development credential unless explicitly allowed.
 */
class DevCredentialsGuardTests {

  private static final PasswordEncoder PASSWORDS =
      PasswordEncoderFactories.createDelegatingPasswordEncoder();

  @Test
  void should_bind_loopback_by_default_with_the_actuator_on_the_same_port() throws IOException {
    PropertySource<?> yml =
        new YamlPropertySourceLoader()
            .load("application", new ClassPathResource("application.yml"))
            .get(0);

    assertThat(yml.getProperty("server.address")).hasToString("127.0.0.1");
    assertThat(yml.getProperty("management.server.port")).as("actuator on the API's port").isNull();
    assertThat(yml.getProperty(DevCredentialsGuard.OVERRIDE_SETTING)).isEqualTo(false);
  }

  @Test
  void should_start_with_the_development_credentials_on_the_default_loopback_address() {
    try (ConfigurableApplicationContext context = start()) {
      assertThat(context.getEnvironment().getProperty("server.address")).isEqualTo("127.0.0.1");
      assertThat(context.getBean(DevCredentialsGuard.class)).isNotNull();
    }
  }

  @Test
  void should_refuse_in_one_line_naming_the_settings_when_dev_credentials_face_the_network() {
    // when
    Throwable failure = catchThrowable(() -> start("--server.address=0.0.0.0").close());

    // then
    FailureAnalysis analysis = new DevCredentialsFailureAnalyzer().analyze(failure);
    assertThat(analysis).as("analysis of %s", failure).isNotNull();
    assertThat(analysis.getDescription())
        .startsWith("conveyor-starter: refusing to start: server.address=0.0.0.0 is not loopback")
        .contains("conveyor.security.api-keys[0].sha256 (local-dev-key)")
        .contains("conveyor.security.users[0].password (reviewer-dev)")
        .contains("conveyor.security.allow-dev-credentials-on-network=true")
        .doesNotContain("\n");
  }

  @Test
  void should_start_on_the_network_with_dev_credentials_when_explicitly_allowed() {
    try (ConfigurableApplicationContext context =
        start("--server.address=0.0.0.0", "--" + DevCredentialsGuard.OVERRIDE_SETTING + "=true")) {
      assertThat(context.getBean(ConveyorSecurityProperties.class).allowDevCredentialsOnNetwork())
          .isTrue();
    }
  }

  @Test
  void should_accept_own_credentials_on_any_address() {
    ConveyorSecurityProperties own =
        security(
            List.of(key(ApiKeys.sha256("a-long-random-key"))),
            List.of(user(PASSWORDS.encode("correct horse battery"))),
            false);

    for (String address : new String[] {null, "", "0.0.0.0", "10.1.2.3", "::"}) {
      assertThatCode(() -> DevCredentialsGuard.check(address, own, PASSWORDS))
          .as(address)
          .doesNotThrowAnyException();
    }
  }

  @Test
  void should_refuse_a_dev_password_hashed_anew_when_every_interface_is_served() {
    ConveyorSecurityProperties reused =
        security(
            List.of(key(ApiKeys.sha256("a-long-random-key"))),
            List.of(user(PASSWORDS.encode("own")), user(PASSWORDS.encode("admin-dev"))),
            false);

    Throwable failure = catchThrowable(() -> DevCredentialsGuard.check(null, reused, PASSWORDS));

    assertThat(failure)
        .isInstanceOf(DevCredentialsExposedException.class)
        .hasMessageContaining("server.address is unset (every interface)")
        .hasMessageContaining("conveyor.security.users[1].password (admin-dev)")
        .hasMessageNotContaining("users[0]");
  }

  @Test
  void should_serve_dev_credentials_on_any_loopback_address() {
    ConveyorSecurityProperties dev =
        security(List.of(key(ApiKeys.sha256(DevelopmentCredentials.API_KEY))), List.of(), false);

    for (String address : new String[] {"127.0.0.1", "localhost", "::1", "127.0.0.2"}) {
      assertThatCode(() -> DevCredentialsGuard.check(address, dev, PASSWORDS))
          .as(address)
          .doesNotThrowAnyException();
    }
    assertThat(catchThrowable(() -> DevCredentialsGuard.check("10.1.2.3", dev, PASSWORDS)))
        .hasMessageContaining("server.address=10.1.2.3 is not loopback");
  }

  private static ConfigurableApplicationContext start(String... settings) {
    TestPostgres.Database store = TestPostgres.emptyDatabase();
    List<String> args = new ArrayList<>(List.of(settings));
    args.add("--server.port=0");
    args.add("--spring.temporal.test-server.enabled=true");
    args.add("--spring.datasource.url=" + store.url());
    args.add("--spring.datasource.username=" + TestPostgres.Database.USER);
    return new SpringApplicationBuilder(ConveyorStarterApplication.class)
        .web(WebApplicationType.SERVLET)
        .run(args.toArray(String[]::new));
  }

  private static ConveyorSecurityProperties security(
      List<ApiKey> keys, List<User> users, boolean allowed) {
    return new ConveyorSecurityProperties(false, keys, users, new Jwt("roles", "sub"), allowed);
  }

  private static ApiKey key(String sha256) {
    return new ApiKey("service", sha256, Set.of(Role.SUBMITTER));
  }

  private static User user(String password) {
    return new User("someone", password, Set.of(Role.REVIEWER));
  }
}
