package dev.conveyor.e2e.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conveyor.workflow.JobSearchAttributes;
import io.temporal.common.SearchAttributeKey;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * The production stack's files keep the promises of docs/production.md: required secrets, ports on
 * loopback but the starter's, restart policies, no default Grafana password, the Temporal UI's
 * write actions off, setup that retries and fails loudly, and secrets kept out of git and images.
 * {@code .ci/run} also validates the file with {@code docker-compose config}.
 */
class ComposeFileTests {

  private static final Path ROOT = root();

  /** The services users must reach from other machines. */
  private static final Set<String> OPEN_TO_THE_NETWORK = Set.of("starter");

  /** The one-shot setup jobs: they run, exit, and gate the services that need them. */
  private static final Set<String> ONE_SHOTS =
      Set.of("conveyor-db-setup", "temporal-schema", "temporal-setup", "minio-setup");

  /** Dynamic config settings meant for Temporal's own tests, never for a deployment. */
  private static final Set<String> TEST_ONLY_DYNAMIC_CONFIG =
      Set.of("system.forceSearchAttributesCacheRefreshOnRead");

  private static final Pattern VARIABLE =
      Pattern.compile("\\$\\{([A-Z0-9_]+)(?:(:?[-?])([^}]*))?}");
  private static final Pattern SECRET_NAME =
      Pattern.compile(".*(PASSWORD|PWD|SHA256|SECRET|ACCESS_KEY|KEYS_0_KEY).*");

  private final Map<String, Map<String, Object>> services = services();

  @Test
  void should_require_every_secret_from_the_environment_with_a_message() {
    Set<String> required = new TreeSet<>();
    services.forEach(
        (name, service) ->
            environment(service)
                .forEach(
                    (key, value) -> {
                      // A key ending in ENV names the variable that holds a secret: no secret.
                      if (SECRET_NAME.matcher(key).matches() && !key.endsWith("ENV")) {
                        Matcher variable = VARIABLE.matcher(value);
                        assertThat(variable.matches())
                            .as("%s.%s = %s must come from a variable", name, key, value)
                            .isTrue();
                        assertThat(variable.group(2))
                            .as("%s.%s must be required (${VAR:?message})", name, key)
                            .isEqualTo(":?");
                        assertThat(variable.group(3)).as("%s.%s's message", name, key).isNotBlank();
                        required.add(variable.group(1));
                      }
                    }));
    assertThat(required)
        .contains(
            "POSTGRES_PASSWORD",
            "CONVEYOR_DB_PASSWORD",
            "CONVEYOR_API_KEY_SHA256",
            "CONVEYOR_REVIEWER_PASSWORD_BCRYPT",
            "CONVEYOR_ADMIN_PASSWORD_BCRYPT",
            "GRAFANA_ADMIN_PASSWORD",
            "CONVEYOR_CODEC_KEY",
            "CONVEYOR_S3_ACCESS_KEY",
            "CONVEYOR_S3_SECRET_KEY");
    Map<String, String> example = envFile(ROOT.resolve(".env.example"));
    for (String variable : required) {
      assertThat(example).as(".env.example lists %s, empty", variable).containsEntry(variable, "");
    }
  }

  @Test
  void should_publish_every_port_on_loopback_but_the_starters() {
    Map<String, List<String>> hosts = new LinkedHashMap<>();
    services.forEach(
        (name, service) -> {
          for (Object port : list(service.get("ports"))) {
            hosts.computeIfAbsent(name, n -> new ArrayList<>()).add(hostAddress(port.toString()));
          }
        });

    assertThat(hosts).containsKeys("starter", "temporal", "temporal-ui", "grafana");
    hosts.forEach(
        (name, addresses) -> {
          String expected = OPEN_TO_THE_NETWORK.contains(name) ? "0.0.0.0" : "127.0.0.1";
          assertThat(addresses).as("host address of %s's ports", name).containsOnly(expected);
        });
  }

  @Test
  void should_restart_every_long_running_service_and_gate_on_the_one_shots() {
    Set<String> gates = new TreeSet<>();
    services.forEach(
        (name, service) -> {
          if (service.get("depends_on") instanceof Map<?, ?> dependencies) {
            dependencies.forEach(
                (dependency, condition) -> {
                  if (String.valueOf(condition).contains("service_completed_successfully")) {
                    gates.add(dependency.toString());
                  }
                });
          }
        });

    assertThat(gates).isEqualTo(new TreeSet<>(ONE_SHOTS));
    services.forEach(
        (name, service) ->
            assertThat(String.valueOf(service.get("restart")))
                .as("restart policy of %s", name)
                .isEqualTo(ONE_SHOTS.contains(name) ? "no" : "unless-stopped"));
  }

  @Test
  void should_give_grafana_no_default_password_and_the_temporal_ui_no_write_actions() {
    assertThat(environment(services.get("grafana")).get("GF_SECURITY_ADMIN_PASSWORD"))
        .startsWith("${GRAFANA_ADMIN_PASSWORD:?");
    assertThat(
            resolveDefaults(
                environment(services.get("temporal-ui")).get("TEMPORAL_DISABLE_WRITE_ACTIONS")))
        .isEqualTo("true");
  }

  @Test
  void should_run_temporal_server_and_admin_tools_of_the_same_release() {
    Set<String> versions = new TreeSet<>();
    services.forEach(
        (name, service) -> {
          String image = String.valueOf(service.get("image"));
          if (image.startsWith("temporalio/server:")
              || image.startsWith("temporalio/admin-tools:")) {
            versions.add(image.substring(image.indexOf(':') + 1));
          }
        });
    assertThat(versions).hasSize(1);
    assertThat(versions.iterator().next()).matches("\\d+\\.\\d+\\.\\d+");
  }

  @Test
  void should_register_every_search_attribute_and_fail_naming_the_missing_ones()
      throws IOException {
    String script = Files.readString(ROOT.resolve("deploy/temporal/register-conveyor.sh"));
    for (SearchAttributeKey<?> key : JobSearchAttributes.ALL) {
      assertThat(script).contains(key.getName());
    }
    assertThat(script).contains("until").contains("still missing").contains("exit 1");
  }

  @Test
  void should_hide_no_failure_in_setup_scripts_or_the_image_build() throws IOException {
    try (Stream<Path> files = Files.walk(ROOT.resolve("deploy"))) {
      for (Path script : files.filter(p -> p.toString().endsWith(".sh")).toList()) {
        assertThat(Files.readString(script)).as(script.toString()).doesNotContain("|| true");
      }
    }
    String dockerfile = Files.readString(ROOT.resolve("Dockerfile"));
    assertThat(dockerfile)
        .doesNotContain("|| true")
        .contains("--mount=type=cache,target=/root/.m2");
  }

  @Test
  void should_set_the_job_store_password_on_every_run() throws IOException {
    String script = Files.readString(ROOT.resolve("deploy/postgres/create-conveyor-db.sh"));
    String alter =
        script.lines().filter(line -> line.contains("ALTER ROLE")).findFirst().orElse("");
    assertThat(alter).contains("PASSWORD").doesNotContain("WHERE");
  }

  @Test
  void should_use_no_test_only_dynamic_config() throws IOException {
    String path = environment(services.get("temporal")).get("DYNAMIC_CONFIG_FILE_PATH");
    Path file = ROOT.resolve("deploy/temporal/dynamicconfig").resolve(Path.of(path).getFileName());
    Map<String, Object> settings = new Yaml().load(Files.readString(file));
    assertThat(settings)
        .isNotEmpty()
        .doesNotContainKeys(TEST_ONLY_DYNAMIC_CONFIG.toArray(String[]::new));
  }

  @Test
  void should_keep_env_files_out_of_git_and_images() throws IOException {
    assertThat(Files.readAllLines(ROOT.resolve(".gitignore"))).contains(".env");
    assertThat(Files.readAllLines(ROOT.resolve(".dockerignore"))).contains(".env");
  }

  /** Returns the host address a port mapping binds, with the variables' defaults applied. */
  private static String hostAddress(String mapping) {
    String resolved = resolveDefaults(mapping);
    String[] parts = resolved.split(":");
    return parts.length == 3 ? parts[0] : "0.0.0.0";
  }

  private static String resolveDefaults(String value) {
    Matcher variable = VARIABLE.matcher(value);
    StringBuilder resolved = new StringBuilder();
    while (variable.find()) {
      String replacement = ":-".equals(variable.group(2)) ? variable.group(3) : "";
      variable.appendReplacement(resolved, Matcher.quoteReplacement(replacement));
    }
    return variable.appendTail(resolved).toString();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, String> environment(Map<String, Object> service) {
    Map<String, String> environment = new LinkedHashMap<>();
    Object declared = service.get("environment");
    if (declared instanceof Map<?, ?> map) {
      map.forEach((key, value) -> environment.put(key.toString(), String.valueOf(value)));
    }
    return environment;
  }

  private static List<?> list(Object value) {
    return value instanceof List<?> list ? list : List.of();
  }

  private static Map<String, String> envFile(Path file) {
    Map<String, String> values = new LinkedHashMap<>();
    try {
      for (String line : Files.readAllLines(file)) {
        int equals = line.indexOf('=');
        if (!line.startsWith("#") && equals > 0) {
          values.put(line.substring(0, equals).strip(), line.substring(equals + 1).strip());
        }
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + file, e);
    }
    return values;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Map<String, Object>> services() {
    try {
      Map<String, Object> compose =
          new Yaml().load(Files.readString(ROOT.resolve("docker-compose.yml")));
      return (Map<String, Map<String, Object>>) compose.get("services");
    } catch (IOException e) {
      throw new IllegalStateException("cannot read docker-compose.yml", e);
    }
  }

  private static Path root() {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null && !Files.exists(dir.resolve("docker-compose.yml"))) {
      dir = dir.getParent();
    }
    if (dir == null) {
      throw new IllegalStateException("docker-compose.yml not found above the working directory");
    }
    return dir;
  }
}
