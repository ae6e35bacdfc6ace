package dev.conveyor.activities;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.conveyor.activities.artifact.ArtifactActivitiesImpl;
import dev.conveyor.activities.artifact.FileArtifactStore;
import dev.conveyor.activities.catalog.ModelCatalog;
import dev.conveyor.activities.generation.GenerationActivitiesImpl;
import dev.conveyor.activities.modelcall.ChainProgress;
import dev.conveyor.activities.modelcall.ModelCalls;
import dev.conveyor.activities.offline.OfflineSettings;
import dev.conveyor.activities.prompt.PromptActivitiesImpl;
import dev.conveyor.activities.qa.ImageChecks;
import dev.conveyor.activities.qa.QaActivitiesImpl;
import dev.conveyor.activities.routing.RoutingActivitiesImpl;
import dev.conveyor.workflow.activity.ActivityErrors;
import dev.conveyor.workflow.activity.ArtifactActivities;
import dev.conveyor.workflow.activity.GenerationActivities;
import dev.conveyor.workflow.activity.GenerationRequest;
import dev.conveyor.workflow.activity.PromptActivities;
import dev.conveyor.workflow.activity.PromptRequest;
import dev.conveyor.workflow.activity.QaActivities;
import dev.conveyor.workflow.activity.QaRequest;
import dev.conveyor.workflow.activity.QaResult;
import dev.conveyor.workflow.activity.RoutingActivities;
import dev.conveyor.workflow.activity.StepResult;
import dev.conveyor.workflow.model.ArtifactRef;
import dev.conveyor.workflow.model.OutputKind;
import dev.conveyor.workflow.model.Step;
import io.temporal.activity.ActivityOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.CanceledFailure;
import io.temporal.testing.TestActivityEnvironment;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** The activities with the offline models, called through Temporal's activity test environment. */
class ActivitiesInTemporalTests {

  static final String REQUIREMENTS =
      "Write a product announcement for Conveyor, a durable pipeline that turns business"
          + " requirements into approved text and images. The audience is engineering managers"
          + " who care about reliability and cost.";
  static final List<String> CRITERIA = List.of("Mention \"Temporal\" by name");
  static final ActivityOptions OPTIONS =
      ActivityOptions.newBuilder()
          .setStartToCloseTimeout(Duration.ofMinutes(1))
          .setHeartbeatTimeout(Duration.ofSeconds(2))
          .build();

  @TempDir Path root;
  private TestActivityEnvironment env;
  private FileArtifactStore store;

  @AfterEach
  void close() {
    if (env != null) {
      env.close();
    }
  }

  @Test
  void should_write_generate_and_pass_a_text_with_the_offline_models() {
    start(OfflineSettings.defaults());
    ArtifactRef requirements = stub(ArtifactActivities.class).storeText(REQUIREMENTS);

    StepResult prompt =
        stub(PromptActivities.class)
            .writePrompt(new PromptRequest(requirements, OutputKind.TEXT, CRITERIA));
    StepResult text =
        stub(GenerationActivities.class)
            .generateText(new GenerationRequest(prompt.artifact(), requirements, null, 0, 1));
    QaResult qa =
        stub(QaActivities.class)
            .checkText(new QaRequest(text.artifact(), requirements, CRITERIA, 0, 1));

    assertThat(store.readText(prompt.artifact())).contains(REQUIREMENTS);
    assertThat(prompt.call().modelId()).isEqualTo("offline/conveyor-prompt-writer");
    assertThat(store.readText(text.artifact())).contains("Conveyor").contains("Temporal");
    assertThat(text.call().step()).isEqualTo(Step.TEXT_GENERATION);
    assertThat(text.call().modelId()).isEqualTo("offline/conveyor-text-writer");
    assertThat(text.call().inputTokens()).isPositive();
    assertThat(text.call().outputTokens()).isPositive();
    assertThat(text.call().costUsd()).isEqualByComparingTo(BigDecimal.ZERO);
    assertThat(qa.verdict().passed()).as(qa.verdict().issues().toString()).isTrue();
    assertThat(qa.call().modelId()).isEqualTo("offline/conveyor-text-checks");
  }

  @Test
  void should_return_the_same_artifact_when_a_generation_is_retried() {
    start(OfflineSettings.defaults());
    ArtifactRef requirements = store.putText(REQUIREMENTS);
    ArtifactRef prompt = store.putText("### Task\nWrite about Conveyor and Temporal.");
    GenerationRequest request = new GenerationRequest(prompt, requirements, null, 0, 1);

    StepResult first = stub(GenerationActivities.class).generateText(request);
    StepResult retried = stub(GenerationActivities.class).generateText(request);

    assertThat(retried.artifact()).isEqualTo(first.artifact());
  }

  @Test
  void should_fail_the_first_attempts_that_qa_fail_first_names_and_pass_the_next() {
    start(new OfflineSettings(2, Duration.ZERO));
    ArtifactRef requirements = store.putText(REQUIREMENTS);
    ArtifactRef prompt =
        stub(PromptActivities.class)
            .writePrompt(new PromptRequest(requirements, OutputKind.TEXT, CRITERIA))
            .artifact();

    String feedback = null;
    List<Boolean> passed = new CopyOnWriteArrayList<>();
    List<Integer> lengths = new CopyOnWriteArrayList<>();
    for (int attempt = 1; attempt <= 3; attempt++) {
      StepResult text =
          stub(GenerationActivities.class)
              .generateText(new GenerationRequest(prompt, requirements, feedback, 0, attempt));
      QaResult qa =
          stub(QaActivities.class)
              .checkText(new QaRequest(text.artifact(), requirements, CRITERIA, 0, attempt));
      passed.add(qa.verdict().passed());
      lengths.add(store.readText(text.artifact()).split("\\s+").length);
      feedback = qa.verdict().feedback();
      if (attempt < 3) {
        assertThat(qa.verdict().issues()).anySatisfy(i -> assertThat(i).contains("qa-fail-first"));
        assertThat(feedback).contains("at least");
      }
    }

    assertThat(passed).containsExactly(false, false, true);
    assertThat(lengths).isSorted().doesNotHaveDuplicates();
  }

  @Test
  void should_apply_qa_fail_first_to_every_revision() {
    start(new OfflineSettings(1, Duration.ZERO));
    ArtifactRef requirements = store.putText(REQUIREMENTS);
    ArtifactRef prompt =
        stub(PromptActivities.class)
            .writePrompt(new PromptRequest(requirements, OutputKind.TEXT, CRITERIA))
            .artifact();
    ArtifactRef text =
        stub(GenerationActivities.class)
            .generateText(new GenerationRequest(prompt, requirements, null, 1, 1))
            .artifact();

    QaActivities qa = stub(QaActivities.class);
    assertThat(qa.checkText(new QaRequest(text, requirements, CRITERIA, 1, 1)).verdict().passed())
        .isFalse();
    assertThat(qa.checkText(new QaRequest(text, requirements, CRITERIA, 1, 2)).verdict().passed())
        .isTrue();
  }

  @Test
  void should_generate_and_check_an_image_with_the_offline_painter() {
    start(OfflineSettings.defaults());
    ArtifactRef requirements = store.putText("Draw a lighthouse on a rocky coast at dawn.");
    ArtifactRef prompt =
        stub(PromptActivities.class)
            .writePrompt(new PromptRequest(requirements, OutputKind.IMAGE, List.of()))
            .artifact();

    StepResult image =
        stub(GenerationActivities.class)
            .generateImage(new GenerationRequest(prompt, requirements, null, 0, 1));
    QaResult qa =
        stub(QaActivities.class)
            .checkImage(new QaRequest(image.artifact(), requirements, List.of(), 0, 1));

    assertThat(image.artifact().contentType()).isEqualTo("image/png");
    assertThat(new ImageChecks().check(store.read(image.artifact())).passed()).isTrue();
    assertThat(image.call().modelId()).isEqualTo("offline/conveyor-painter");
    assertThat(qa.verdict().passed()).isTrue();
    assertThat(qa.call().modelId()).isEqualTo("offline/conveyor-image-checks");
  }

  @Test
  void should_fail_an_image_that_is_not_an_image() {
    start(OfflineSettings.defaults());
    ArtifactRef requirements = store.putText("Draw a lighthouse.");
    ArtifactRef fake = store.put("PNG r0a1".getBytes(), "image/png");

    QaResult qa =
        stub(QaActivities.class).checkImage(new QaRequest(fake, requirements, List.of(), 0, 1));

    assertThat(qa.verdict().passed()).isFalse();
    assertThat(qa.verdict().issues()).containsExactly("not a decodable image");
  }

  @Test
  void should_heartbeat_while_a_slow_offline_model_works() {
    start(new OfflineSettings(0, Duration.ofMillis(3_500)));
    List<String> heartbeats = new CopyOnWriteArrayList<>();
    env.setActivityHeartbeatListener(
        ChainProgress.class, progress -> heartbeats.add(progress.doing()));
    ArtifactRef requirements = store.putText(REQUIREMENTS);

    StepResult prompt =
        stub(PromptActivities.class)
            .writePrompt(new PromptRequest(requirements, OutputKind.TEXT, CRITERIA));

    assertThat(prompt.call().latencyMs()).isGreaterThanOrEqualTo(3_500);
    assertThat(heartbeats).hasSizeGreaterThanOrEqualTo(2);
    assertThat(heartbeats.get(0)).startsWith("PROMPT offline/conveyor-prompt-writer");
  }

  @Test
  void should_interrupt_a_slow_call_when_the_activity_is_cancelled() throws Exception {
    start(new OfflineSettings(0, Duration.ofSeconds(30)));
    ListAppender<ILoggingEvent> calls = new ListAppender<>();
    calls.start();
    Logger log = (Logger) LoggerFactory.getLogger(ModelCalls.class);
    log.addAppender(calls);
    try {
      ArtifactRef requirements = store.putText(REQUIREMENTS);
      PromptActivities prompts = stub(PromptActivities.class);
      CompletableFuture<StepResult> call =
          CompletableFuture.supplyAsync(
              () ->
                  prompts.writePrompt(new PromptRequest(requirements, OutputKind.TEXT, CRITERIA)));
      Thread.sleep(1_500);
      long cancelled = System.nanoTime();
      env.requestCancelActivity();

      assertThatThrownBy(() -> call.get(10, TimeUnit.SECONDS))
          .hasRootCauseInstanceOf(CanceledFailure.class);
      while (calls.list.isEmpty() && System.nanoTime() - cancelled < 10_000_000_000L) {
        Thread.sleep(100);
      }
      assertThat(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - cancelled))
          .as("the 30-second call was interrupted")
          .isLessThan(5);
      assertThat(calls.list)
          .filteredOn(event -> event.getLevel() == Level.INFO)
          .singleElement()
          .extracting(ILoggingEvent::getFormattedMessage)
          .asString()
          .contains("step=PROMPT", "outcome=stopped ActivityCanceledException");
    } finally {
      log.detachAppender(calls);
    }
  }

  @Test
  void should_fail_without_retry_when_an_artifact_is_missing() {
    start(OfflineSettings.defaults());
    ArtifactRef missing = new ArtifactRef("a".repeat(64), "text/plain; charset=utf-8", 10);

    assertThatThrownBy(
            () ->
                stub(PromptActivities.class)
                    .writePrompt(new PromptRequest(missing, OutputKind.TEXT, List.of())))
        .isInstanceOf(ActivityFailure.class)
        .cause()
        .isInstanceOfSatisfying(
            ApplicationFailure.class,
            failure -> {
              assertThat(failure.getType()).isEqualTo(ActivityErrors.ARTIFACT_MISSING);
              assertThat(failure.isNonRetryable()).isTrue();
            });
  }

  @Test
  void should_describe_the_offline_routes() {
    start(OfflineSettings.defaults());

    Map<Step, String> routes = stub(RoutingActivities.class).describeRoutes();

    assertThat(routes)
        .containsEntry(Step.PROMPT, "offline/conveyor-prompt-writer")
        .containsEntry(Step.TEXT_GENERATION, "offline/conveyor-text-writer")
        .containsEntry(Step.IMAGE_GENERATION, "offline/conveyor-painter")
        .containsEntry(Step.TEXT_QA, "offline/conveyor-text-checks")
        .containsEntry(Step.VISION_QA, "offline/conveyor-image-checks");
  }

  private void start(OfflineSettings offline) {
    store = new FileArtifactStore(root);
    ModelCatalog catalog = ModelCatalog.create(Map.of(), offline, name -> null);
    env = TestActivityEnvironment.newInstance();
    env.registerActivitiesImplementations(
        new ArtifactActivitiesImpl(store),
        new RoutingActivitiesImpl(catalog),
        new PromptActivitiesImpl(store, catalog),
        new GenerationActivitiesImpl(store, catalog),
        new QaActivitiesImpl(store, catalog, offline));
  }

  private <T> T stub(Class<T> activities) {
    return env.newActivityStub(activities, OPTIONS);
  }
}
