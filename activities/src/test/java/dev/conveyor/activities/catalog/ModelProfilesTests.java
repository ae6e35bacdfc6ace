package dev.conveyor.activities.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.conveyor.activities.modelcall.CallSite;
import dev.conveyor.activities.modelcall.ModelCalls;
import dev.conveyor.activities.modelcall.ModelChain;
import dev.conveyor.activities.observability.CallRecorder;
import dev.conveyor.activities.offline.OfflineSettings;
import dev.conveyor.activities.testing.Models;
import dev.conveyor.workflow.model.ModelTier;
import dev.conveyor.workflow.model.Step;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.temporal.failure.ApplicationFailure;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Routing profiles: each names its own chain per step; an unknown one fails for good. */
class ModelProfilesTests {

  private static final ModelSettings LOCAL_SERVER =
      Models.settings("openai", "llama3.1", "http://127.0.0.1:9/v1", null, 5, null);

  private final ModelCatalog catalog =
      ModelCatalog.create(
              Map.of(Step.TEXT_GENERATION, LOCAL_SERVER), OfflineSettings.defaults(), name -> null)
          .withProfiles(
              Map.of(
                  "economy",
                  ModelCatalog.create(Map.of(), OfflineSettings.defaults(), name -> null)));

  @Test
  void should_give_each_profile_its_own_chain_and_default_to_conveyor_models() {
    assertThat(catalog.profileNames()).containsExactly("default", "economy");
    assertThat(catalog.profile(null).describe(Step.TEXT_GENERATION)).isEqualTo("openai/llama3.1");
    assertThat(catalog.profile("default").describe(Step.TEXT_GENERATION))
        .isEqualTo("openai/llama3.1");
    assertThat(catalog.profile("economy").describe(Step.TEXT_GENERATION))
        .isEqualTo("offline/conveyor-text-writer");
  }

  @Test
  void should_fail_for_good_naming_the_known_profiles_when_a_profile_is_unknown() {
    assertThatThrownBy(() -> catalog.profile("premium"))
        .isInstanceOfSatisfying(
            ApplicationFailure.class,
            failure -> {
              assertThat(failure.isNonRetryable()).isTrue();
              assertThat(failure.getType()).isEqualTo(ModelCatalog.UNKNOWN_PROFILE);
            })
        .hasMessageContaining("routing profile 'premium' is unknown")
        .hasMessageContaining("[default, economy]");
  }

  @Test
  void should_call_the_profiles_model_and_tag_its_metrics_with_the_profile() {
    // given
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    CallRecorder recorder = new CallRecorder(registry);
    CallSite site = new CallSite(Step.TEXT_GENERATION, ModelTier.STANDARD, 0, 1, "economy");

    // when
    ModelCalls.Outcome<?> outcome =
        ModelChain.run(
            catalog,
            recorder,
            site,
            turn ->
                turn.chat(ChatRequest.builder().messages(UserMessage.from("A blurb.")).build()));

    // then the offline writer served, not the unreachable server of the default profile
    assertThat(outcome.call().modelId()).isEqualTo("offline/conveyor-text-writer");
    assertThat(registry.find("conveyor.model.cost").tag("profile", "economy").counter())
        .isNotNull();
  }
}
