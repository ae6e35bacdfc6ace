package dev.conveyor.starter.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conveyor.artifacts.ArtifactSettingsException;
import dev.conveyor.artifacts.ArtifactStoreKind;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.context.ConfigurationPropertiesAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ClassPathResource;

/** The starter's settings: defaults, validation at start-up, and what application.yml sets. */
class StarterPropertiesTests {

  @Configuration(proxyBeanMethods = false)
  @EnableConfigurationProperties({ConveyorTemporalProperties.class, ArtifactProperties.class})
  static class Properties {}

  private final ApplicationContextRunner runner =
      new ApplicationContextRunner()
          .withConfiguration(
              AutoConfigurations.of(
                  ConfigurationPropertiesAutoConfiguration.class,
                  ValidationAutoConfiguration.class))
          .withUserConfiguration(Properties.class);

  @Test
  void should_default_to_the_workers_task_queue_and_artifact_folder() {
    runner.run(
        context -> {
          assertThat(context.getBean(ConveyorTemporalProperties.class).taskQueue())
              .isEqualTo("conveyor-jobs");
          assertThat(context.getBean(ArtifactProperties.class).dir())
              .isEqualTo(Path.of("data/artifacts"));
        });
  }

  @Test
  void should_bind_overrides() {
    runner
        .withPropertyValues(
            "conveyor.temporal.task-queue=other-jobs", "conveyor.artifacts.dir=/srv/artifacts")
        .run(
            context -> {
              assertThat(context.getBean(ConveyorTemporalProperties.class).taskQueue())
                  .isEqualTo("other-jobs");
              assertThat(context.getBean(ArtifactProperties.class).dir())
                  .isEqualTo(Path.of("/srv/artifacts"));
            });
  }

  @Test
  void should_fail_at_start_up_naming_the_key_when_the_task_queue_is_blank() {
    runner
        .withPropertyValues("conveyor.temporal.task-queue= ")
        .run(
            context ->
                assertThat(context)
                    .hasFailed()
                    .getFailure()
                    .rootCause()
                    .hasMessageContaining("conveyor.temporal")
                    .hasMessageContaining("taskQueue"));
  }

  @Test
  void should_bind_the_workers_s3_bucket() {
    runner
        .withPropertyValues(
            "conveyor.artifacts.store=s3",
            "conveyor.artifacts.s3.bucket=conveyor-artifacts",
            "conveyor.artifacts.s3.endpoint=http://minio:9000",
            "conveyor.artifacts.s3.prefix=jobs",
            "conveyor.artifacts.s3.access-key-env=MINIO_ROOT_USER",
            "conveyor.artifacts.s3.secret-key-env=MINIO_ROOT_PASSWORD")
        .run(
            context -> {
              ArtifactProperties artifacts = context.getBean(ArtifactProperties.class);
              assertThat(artifacts.store()).isEqualTo(ArtifactStoreKind.S3);
              assertThat(artifacts.s3().location()).isEqualTo("s3://conveyor-artifacts/jobs/");
              assertThat(artifacts.s3().pathStyle()).isTrue();
            });
  }

  @Test
  void should_fail_at_start_up_in_one_line_naming_the_key_when_the_s3_store_has_no_bucket() {
    runner
        .withPropertyValues("conveyor.artifacts.store=s3")
        .run(
            context -> {
              assertThat(context).hasFailed();
              FailureAnalysis analysis =
                  new ArtifactSettingsFailureAnalyzer().analyze(context.getStartupFailure());
              assertThat(analysis.getDescription())
                  .isEqualTo(
                      "conveyor.artifacts.s3.bucket must be set when conveyor.artifacts.store is"
                          + " s3");
            });
  }

  @Test
  void should_fail_at_start_up_naming_the_key_when_the_s3_endpoint_is_not_a_url() {
    runner
        .withPropertyValues(
            "conveyor.artifacts.store=s3",
            "conveyor.artifacts.s3.bucket=conveyor-artifacts",
            "conveyor.artifacts.s3.endpoint=minio:9000")
        .run(
            context ->
                assertThat(context)
                    .hasFailed()
                    .getFailure()
                    .rootCause()
                    .isInstanceOf(ArtifactSettingsException.class)
                    .hasMessageStartingWith(
                        "conveyor.artifacts.s3.endpoint 'minio:9000' must be an http or https"));
  }

  @Test
  void should_set_the_documented_keys_in_application_yml() throws IOException {
    PropertySource<?> yml =
        new YamlPropertySourceLoader()
            .load("application", new ClassPathResource("application.yml"))
            .get(0);

    assertThat(yml.getProperty("spring.temporal.connection.target")).hasToString("127.0.0.1:7233");
    assertThat(yml.getProperty("spring.temporal.namespace")).hasToString("default");
    assertThat(yml.getProperty("conveyor.temporal.task-queue")).hasToString("conveyor-jobs");
    assertThat(yml.getProperty("conveyor.artifacts.dir")).hasToString("data/artifacts");
    assertThat(yml.getProperty("server.port")).hasToString("8080");
    assertThat(yml.getProperty("spring.threads.virtual.enabled")).hasToString("true");
    assertThat(yml.getProperty("management.endpoints.web.exposure.include"))
        .hasToString("health,prometheus");
    assertThat(yml.containsProperty("spring.temporal.workers[0].task-queue")).isFalse();
  }
}
