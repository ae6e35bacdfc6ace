package dev.conveyor.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.conveyor.store.testing.TestPostgres;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;

/** A misconfigured model stops the worker with one clear line naming the setting. */
class StartupFailureTests {

  @Test
  void unknown_provider_is_reported_as_one_line_naming_the_step() {
    Throwable failure = start("--conveyor.models.text-generation.provider=frobnicate");

    IllegalArgumentException error = StartupFailure.configurationError(failure);
    assertThat(error).isNotNull();
    assertThat(error.getMessage())
        .contains("text-generation")
        .contains("frobnicate")
        .doesNotContain("\n");
  }

  @Test
  void missing_api_key_variable_is_reported_as_one_line_naming_the_variable() {
    Throwable failure =
        start(
            "--conveyor.models.prompt.provider=openai",
            "--conveyor.models.prompt.model=gpt-4o-mini",
            "--conveyor.models.prompt.api-key-env=CONVEYOR_TEST_KEY_THAT_IS_NOT_SET");

    IllegalArgumentException error = StartupFailure.configurationError(failure);
    assertThat(error).isNotNull();
    assertThat(error.getMessage())
        .contains("CONVEYOR_TEST_KEY_THAT_IS_NOT_SET")
        .doesNotContain("\n");
  }

  @Test
  void unknown_provider_of_a_fallback_is_reported_as_one_line_naming_the_fallback() {
    Throwable failure =
        start(
            "--conveyor.models.text-generation.provider=offline",
            "--conveyor.models.text-generation.fallbacks[0].provider=offline",
            "--conveyor.models.text-generation.fallbacks[1].provider=frobnicate",
            "--conveyor.models.text-generation.fallbacks[1].model=x");

    IllegalArgumentException error = StartupFailure.configurationError(failure);
    assertThat(error).isNotNull();
    assertThat(error.getMessage())
        .isEqualTo(
            "conveyor.models.text-generation.fallbacks[1]: provider 'frobnicate' is unknown"
                + " (known: offline, openai, anthropic, gemini)");
  }

  @Test
  void missing_api_key_of_a_fallback_is_reported_as_one_line_naming_the_fallback() {
    Throwable failure =
        start(
            "--conveyor.models.text-generation.provider=offline",
            "--conveyor.models.text-generation.fallbacks[0].provider=anthropic",
            "--conveyor.models.text-generation.fallbacks[0].model=claude-sonnet-4-5",
            "--conveyor.models.text-generation.fallbacks[0].api-key-env="
                + "CONVEYOR_TEST_ANTHROPIC_KEY_THAT_IS_NOT_SET");

    IllegalArgumentException error = StartupFailure.configurationError(failure);
    assertThat(error).isNotNull();
    assertThat(error.getMessage())
        .isEqualTo(
            "conveyor.models.text-generation.fallbacks[0]: API key environment variable"
                + " CONVEYOR_TEST_ANTHROPIC_KEY_THAT_IS_NOT_SET is not set");
  }

  @Test
  void should_name_the_reminder_setting_in_one_line_when_its_webhook_is_not_http() {
    // when
    Throwable failure = start("--conveyor.approval.reminder-webhook-url=ftp://example.com/hook");

    // then
    IllegalArgumentException error = StartupFailure.configurationError(failure);
    assertThat(error).isNotNull();
    assertThat(error.getMessage())
        .isEqualTo(
            "conveyor.approval.reminder-webhook-url must be an http or https URL, was"
                + " ftp://example.com/hook");
  }

  @Test
  void should_name_the_store_in_one_line_when_it_is_unreachable() {
    // when
    Throwable failure =
        startWithStore(
            "jdbc:postgresql://127.0.0.1:1/conveyor", "--conveyor.store.embedded.enabled=false");

    // then
    IllegalArgumentException error = StartupFailure.configurationError(failure);
    assertThat(error).isNotNull();
    assertThat(error.getMessage())
        .startsWith(
            "the job store is unreachable or cannot be migrated (spring.datasource.url, or"
                + " conveyor.store.embedded.*): ")
        .doesNotContain("\n");
  }

  @Test
  void should_name_the_codec_key_setting_in_one_line_without_the_key_when_it_is_not_256_bits() {
    // given a 128-bit key
    String shortKey = "c2l4dGVlbi1ieXRlLWtleQ==";

    // when
    Throwable failure =
        start("--conveyor.codec.keys[0].id=2026-11", "--conveyor.codec.keys[0].key=" + shortKey);

    // then
    IllegalArgumentException error = StartupFailure.configurationError(failure);
    assertThat(error).isNotNull();
    assertThat(error.getMessage())
        .isEqualTo(
            "conveyor.codec.keys[0].key must be 256 bits (32 bytes in base64), not 16 bytes;"
                + " generate one: openssl rand -base64 32")
        .doesNotContain(shortKey);
  }

  @Test
  void should_name_the_bucket_setting_in_one_line_when_the_s3_store_has_no_bucket() {
    // when
    Throwable failure = start("--conveyor.artifacts.store=s3");

    // then
    IllegalArgumentException error = StartupFailure.configurationError(failure);
    assertThat(error).isNotNull();
    assertThat(error.getMessage())
        .isEqualTo("conveyor.artifacts.s3.bucket must be set when conveyor.artifacts.store is s3");
  }

  @Test
  void should_name_the_variable_in_one_line_when_an_s3_credential_is_not_set() {
    // when
    Throwable failure =
        start(
            "--conveyor.artifacts.store=s3",
            "--conveyor.artifacts.s3.bucket=conveyor-artifacts",
            "--conveyor.artifacts.s3.endpoint=http://127.0.0.1:1",
            "--conveyor.artifacts.s3.access-key-env=CONVEYOR_TEST_S3_KEY_THAT_IS_NOT_SET",
            "--conveyor.artifacts.s3.secret-key-env=CONVEYOR_TEST_S3_SECRET_THAT_IS_NOT_SET");

    // then
    IllegalArgumentException error = StartupFailure.configurationError(failure);
    assertThat(error).isNotNull();
    assertThat(error.getMessage())
        .isEqualTo(
            "environment variable CONVEYOR_TEST_S3_KEY_THAT_IS_NOT_SET named by"
                + " conveyor.artifacts.s3.access-key-env is not set");
  }

  @Test
  void should_name_the_bucket_in_one_line_when_its_server_is_unreachable() {
    // when: any variable that is set serves as a credential, since nothing listens on port 1
    Throwable failure =
        start(
            "--conveyor.artifacts.store=s3",
            "--conveyor.artifacts.s3.bucket=conveyor-artifacts",
            "--conveyor.artifacts.s3.endpoint=http://127.0.0.1:1",
            "--conveyor.artifacts.s3.access-key-env=PATH",
            "--conveyor.artifacts.s3.secret-key-env=PATH");

    // then
    IllegalArgumentException error = StartupFailure.configurationError(failure);
    assertThat(error).isNotNull();
    assertThat(error.getMessage())
        .startsWith("artifact bucket conveyor-artifacts at http://127.0.0.1:1 cannot be used: ")
        .doesNotContain("\n");
  }

  @Test
  void should_name_the_queue_setting_in_one_line_when_the_image_worker_has_no_queue() {
    // when
    Throwable failure = start("--spring.profiles.active=image-worker");

    // then
    IllegalArgumentException error = StartupFailure.configurationError(failure);
    assertThat(error).isNotNull();
    assertThat(error.getMessage())
        .startsWith("worker image-generation has no task queue")
        .contains("CONVEYOR_TEMPORAL_STEPQUEUES_IMAGEGENERATION")
        .doesNotContain("\n");
  }

  @Test
  void should_refuse_to_start_when_a_step_queue_names_no_step() {
    // when
    Throwable failure = start("--conveyor.temporal.step-queues.image-gen=conveyor-images");

    // then
    assertThat(failure).isNotNull();
    assertThat(rootCause(failure)).hasMessageContaining("image-gen");
  }

  private static Throwable rootCause(Throwable failure) {
    Throwable cause = failure;
    while (cause.getCause() != null) {
      cause = cause.getCause();
    }
    return cause;
  }

  private static Throwable start(String... args) {
    return startWithStore(STORE.url(), args);
  }

  /** A real, migrated-on-start PostgreSQL for the tests that fail on something else. */
  private static final TestPostgres.Database STORE = TestPostgres.emptyDatabase();

  private static Throwable startWithStore(String storeUrl, String... args) {
    String[] all = new String[args.length + 5];
    all[0] = "--conveyor.temporal.embedded.enabled=false";
    all[1] = "--spring.temporal.start-workers=false";
    all[2] = "--conveyor.store.embedded.enabled=false";
    all[3] = "--spring.datasource.url=" + storeUrl;
    all[4] = "--spring.datasource.username=" + TestPostgres.Database.USER;
    System.arraycopy(args, 0, all, 5, args.length);
    return catchThrowable(
        () ->
            new SpringApplicationBuilder(ConveyorWorkerApplication.class)
                .web(WebApplicationType.NONE)
                .run(all)
                .close());
  }
}
