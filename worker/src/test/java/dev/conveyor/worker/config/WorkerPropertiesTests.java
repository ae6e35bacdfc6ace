package dev.conveyor.worker.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conveyor.activities.catalog.ModelSettings;
import dev.conveyor.workflow.model.Step;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** How {@code conveyor.models.<step>} binds, fallbacks included. */
class WorkerPropertiesTests {

  @Test
  void should_bind_a_step_with_its_fallbacks_in_order() {
    WorkerProperties properties =
        bind(
            Map.of(
                "conveyor.models.text-generation.provider", "openai",
                "conveyor.models.text-generation.model", "gpt-4o",
                "conveyor.models.text-generation.attempts", "2",
                "conveyor.models.text-generation.fallbacks[0].provider", "anthropic",
                "conveyor.models.text-generation.fallbacks[0].model", "claude-sonnet-4-5",
                "conveyor.models.text-generation.fallbacks[0].timeout", "90s",
                "conveyor.models.text-generation.fallbacks[1].provider", "offline"));

    ModelSettings text = properties.models().get(Step.TEXT_GENERATION);
    assertThat(text.modelId()).isEqualTo("openai/gpt-4o");
    assertThat(text.attempts()).isEqualTo(2);
    assertThat(text.fallbacks())
        .extracting(ModelSettings::provider)
        .containsExactly("anthropic", "offline");
    ModelSettings anthropic = text.fallbacks().get(0);
    assertThat(anthropic.model()).isEqualTo("claude-sonnet-4-5");
    assertThat(anthropic.apiKeyEnv()).isEqualTo("ANTHROPIC_API_KEY");
    assertThat(anthropic.timeout()).isEqualTo(Duration.ofSeconds(90));
    assertThat(anthropic.attempts()).isEqualTo(ModelSettings.DEFAULT_ATTEMPTS);
    assertThat(anthropic.fallbacks()).isEmpty();
  }

  @Test
  void should_default_to_no_fallbacks_and_three_attempts() {
    WorkerProperties properties =
        bind(
            Map.of(
                "conveyor.models.prompt.provider", "gemini",
                "conveyor.models.prompt.model", "gemini-2.5-flash"));

    ModelSettings prompt = properties.models().get(Step.PROMPT);
    assertThat(prompt.fallbacks()).isEmpty();
    assertThat(prompt.attempts()).isEqualTo(3);
    assertThat(prompt.apiKeyEnv()).isEqualTo("GEMINI_API_KEY");
  }

  @Test
  void should_bind_fallbacks_from_environment_variables() {
    WorkerProperties properties =
        bindEnvironment(
            Map.of(
                "CONVEYOR_MODELS_TEXTGENERATION_PROVIDER", "openai",
                "CONVEYOR_MODELS_TEXTGENERATION_MODEL", "gpt-4o",
                "CONVEYOR_MODELS_TEXTGENERATION_FALLBACKS_0_PROVIDER", "gemini",
                "CONVEYOR_MODELS_TEXTGENERATION_FALLBACKS_0_MODEL", "gemini-2.5-flash",
                "CONVEYOR_MODELS_TEXTGENERATION_FALLBACKS_1_PROVIDER", "offline"));

    assertThat(properties.models().get(Step.TEXT_GENERATION).fallbacks())
        .extracting(ModelSettings::modelId)
        .containsExactly("gemini/gemini-2.5-flash", "offline/null");
  }

  @Test
  void should_bind_a_steps_own_task_queue_from_an_environment_variable() {
    WorkerProperties properties =
        bindEnvironment(
            Map.of(
                "CONVEYOR_TEMPORAL_STEPQUEUES_IMAGEGENERATION", "conveyor-images",
                "CONVEYOR_TEMPORAL_STEPQUEUES_VISIONQA", ""));

    // A blank queue, as compose passes for an unset variable, keeps the step on the main queue.
    assertThat(properties.temporal().stepQueues())
        .containsExactly(Map.entry(Step.IMAGE_GENERATION, "conveyor-images"));
    assertThat(properties.temporal().taskQueue()).isEqualTo("conveyor-jobs");
  }

  @Test
  void should_keep_every_step_on_the_main_queue_by_default() {
    WorkerProperties properties = bind(Map.of("conveyor.temporal.task-queue", "jobs"));

    assertThat(properties.temporal().stepQueues()).isEmpty();
  }

  /** Binds the settings from environment variables, as a container passes them. */
  private static WorkerProperties bindEnvironment(Map<String, Object> variables) {
    return EnvironmentVariables.binder(variables).bind("conveyor", WorkerProperties.class).get();
  }

  private static WorkerProperties bind(Map<String, String> values) {
    return new Binder(new MapConfigurationPropertySource(values))
        .bind("conveyor", WorkerProperties.class)
        .get();
  }
}
