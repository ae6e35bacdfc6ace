package dev.conveyor.activities.bundle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conveyor.activities.artifact.FileArtifactStore;
import dev.conveyor.activities.catalog.ModelCatalog;
import dev.conveyor.activities.catalog.ModelSettings;
import dev.conveyor.activities.coding.CodeActivitiesImpl;
import dev.conveyor.activities.observability.CallRecorder;
import dev.conveyor.activities.offline.OfflineSettings;
import dev.conveyor.activities.testing.Models;
import dev.conveyor.activities.testing.ScriptedServer;
import dev.conveyor.activities.testing.Wire;
import dev.conveyor.workflow.activity.BundleActivities;
import dev.conveyor.workflow.activity.CodeGenerationRequest;
import dev.conveyor.workflow.activity.CodeSpec;
import dev.conveyor.workflow.activity.ConsistencyRequest;
import dev.conveyor.workflow.activity.ConsistencyRequest.PartOutput;
import dev.conveyor.workflow.activity.ConsistencyResult;
import dev.conveyor.workflow.model.ArtifactRef;
import dev.conveyor.workflow.model.CodeLanguage;
import dev.conveyor.workflow.model.OutputKind;
import dev.conveyor.workflow.model.QaVerdict;
import dev.conveyor.workflow.model.Step;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.testing.TestActivityEnvironment;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The cross-part check, through Temporal's activity environment, offline and with a judge. */
class BundleActivitiesTests {

  static final ActivityOptions OPTIONS =
      ActivityOptions.newBuilder()
          .setStartToCloseTimeout(Duration.ofMinutes(1))
          .setHeartbeatTimeout(Duration.ofSeconds(5))
          .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(1).build())
          .build();

  static final String HEADLINE = "Ship approved copy, faster";

  @TempDir Path root;
  private TestActivityEnvironment env;
  private ScriptedServer server;

  @AfterEach
  void close() {
    if (env != null) {
      env.close();
    }
    if (server != null) {
      server.close();
    }
  }

  @Test
  void should_pass_the_html_the_offline_coder_wrote_with_the_headline_and_the_hero() {
    // given the landing section written offline from the parts it uses
    FileArtifactStore files = new FileArtifactStore(root);
    ModelCatalog catalog = ModelCatalog.create(Map.of(), OfflineSettings.defaults(), n -> null);
    ArtifactRef headline = files.putText(HEADLINE);
    CodeSpec spec = new CodeSpec(CodeLanguage.HTML, null, List.of(headline), List.of("hero.png"));
    ArtifactRef html =
        new CodeActivitiesImpl(files, catalog, OfflineSettings.defaults())
            .generateCode(
                new CodeGenerationRequest(
                    files.putText("Write the landing section."),
                    files.putText("A landing section."),
                    spec,
                    null,
                    0,
                    1,
                    null))
            .artifact();
    BundleActivities checks = start(files, catalog);

    // when
    ConsistencyResult result = checks.checkConsistency(request(files, headline, html));

    // then
    assertThat(result.verdicts())
        .singleElement()
        .satisfies(v -> assertThat(v.part()).isEqualTo("landing"));
    QaVerdict verdict = result.verdicts().get(0).verdict();
    assertThat(verdict.passed()).as(verdict.issues().toString()).isTrue();
    assertThat(result.calls())
        .singleElement()
        .satisfies(
            call -> {
              assertThat(call.step()).isEqualTo(Step.CODE_QA);
              assertThat(call.modelId()).isEqualTo("offline/conveyor-code-checks");
            });
  }

  @Test
  void should_fail_html_without_the_headline_or_the_hero_naming_both() {
    // given
    FileArtifactStore files = new FileArtifactStore(root);
    ModelCatalog catalog = ModelCatalog.create(Map.of(), OfflineSettings.defaults(), n -> null);
    ArtifactRef headline = files.putText(HEADLINE);
    ArtifactRef html =
        html(files, "<section><h2>Another title</h2><img src=\"x.png\" alt=\"x\"></section>");

    // when
    ConsistencyResult result =
        start(files, catalog).checkConsistency(request(files, headline, html));

    // then
    QaVerdict verdict = result.verdicts().get(0).verdict();
    assertThat(verdict.passed()).isFalse();
    assertThat(verdict.issues())
        .containsExactly(
            "the page text does not contain \"" + HEADLINE + "\"",
            "no <img> references \"hero.png\"");
    assertThat(verdict.feedback()).contains(HEADLINE, "hero.png");
  }

  @Test
  void should_ask_the_judge_with_the_used_texts_once_the_checks_pass() throws Exception {
    // given a judge that finds the hero misplaced
    server =
        new ScriptedServer()
            .script(
                "judge",
                Wire.openAiChat(
                    "judge",
                    Wire.verdict(false, 0.4, "Put the hero above the headline."),
                    "stop",
                    800,
                    30));
    FileArtifactStore files = new FileArtifactStore(root);
    ModelSettings judge =
        Models.settings("openai", "judge", server.url() + "/v1", "TEST_KEY", 1, 2);
    Map<Step, ModelSettings> steps = new EnumMap<>(Step.class);
    steps.put(Step.CODE_QA, judge);
    ModelCatalog catalog =
        ModelCatalog.create(
            steps, OfflineSettings.defaults(), n -> n.equals("TEST_KEY") ? "sk" : null);
    ArtifactRef headline = files.putText(HEADLINE);
    ArtifactRef html =
        html(
            files,
            "<section><h2>" + HEADLINE + "</h2><img src=\"hero.png\" alt=\"bottle\"></section>");

    // when
    ConsistencyResult result =
        start(files, catalog).checkConsistency(request(files, headline, html));

    // then
    QaVerdict verdict = result.verdicts().get(0).verdict();
    assertThat(verdict.passed()).isFalse();
    assertThat(verdict.feedback()).isEqualTo("Put the hero above the headline.");
    assertThat(result.calls().get(0).modelId()).isEqualTo("openai/judge");
    String asked =
        server.requestsFor("judge").get(0).body().path("messages").get(1).path("content").asText();
    assertThat(asked).contains("the text of part \"headline\": " + HEADLINE, "embed as hero.png");
  }

  private static ArtifactRef html(FileArtifactStore files, String code) {
    return files.put(code.getBytes(StandardCharsets.UTF_8), CodeLanguage.HTML.contentType());
  }

  private static ConsistencyRequest request(
      FileArtifactStore files, ArtifactRef headline, ArtifactRef html) {
    ArtifactRef hero = files.put(new byte[] {1, 2, 3}, "image/png");
    return new ConsistencyRequest(
        "bundle-1",
        List.of(
            new PartOutput(
                "headline",
                OutputKind.TEXT,
                null,
                "A headline.",
                List.of(),
                headline,
                "headline.txt"),
            new PartOutput("hero", OutputKind.IMAGE, null, "A hero.", List.of(), hero, "hero.png"),
            new PartOutput(
                "landing",
                OutputKind.CODE,
                "html",
                "A landing section.",
                List.of("headline", "hero"),
                html,
                "landing.html")),
        1);
  }

  private BundleActivities start(FileArtifactStore files, ModelCatalog catalog) {
    env = TestActivityEnvironment.newInstance();
    env.registerActivitiesImplementations(
        new BundleActivitiesImpl(
            files, catalog, OfflineSettings.defaults(), CallRecorder.logOnly()));
    return env.newActivityStub(BundleActivities.class, OPTIONS);
  }
}
