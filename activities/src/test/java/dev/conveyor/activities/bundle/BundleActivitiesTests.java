package dev.conveyor.activities.bundle;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.conveyor.activities.artifact.FileArtifactStore;
import dev.conveyor.activities.catalog.ModelCatalog;
import dev.conveyor.activities.catalog.ModelSettings;
import dev.conveyor.activities.coding.CodeActivitiesImpl;
import dev.conveyor.activities.observability.CallRecorder;
import dev.conveyor.activities.offline.OfflineImageModel;
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
import dev.conveyor.workflow.activity.ConsistencyResult.PartVerdict;
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
import java.util.ArrayList;
import java.util.Base64;
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
  static final String BOTTLE_HEADLINE = "Cold water all day: the steel bottle for every trail";

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
              assertThat(call.step()).isEqualTo(Step.VISION_QA);
              assertThat(call.modelId()).isEqualTo("offline/conveyor-cross-part-judge");
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
  void should_show_the_vision_judge_the_hero_s_bytes_and_the_headline_and_blame_the_part_it_names()
      throws Exception {
    // given a vision judge that finds the hero does not show what the headline promises
    server =
        new ScriptedServer()
            .script(
                "judge",
                Wire.openAiChat(
                    "judge",
                    "{\"passed\": false, \"score\": 0.3, \"issues\": [\"no bottle in the picture\"],"
                        + " \"feedback\": \"Show the steel bottle.\", \"part\": \"hero\"}",
                    "stop",
                    800,
                    30));
    FileArtifactStore files = new FileArtifactStore(root);
    ModelCatalog catalog = scriptedVisionJudge(server);
    ArtifactRef headline = files.putText(HEADLINE);
    byte[] picture = painted("A steel water bottle on a rock by a mountain lake");
    ArtifactRef hero = files.put(picture, "image/png");

    // when
    ConsistencyResult result =
        start(files, catalog).checkConsistency(request(headline, hero, fittingHtml(files)));

    // then the verdict is the hero's, with the judge's feedback
    PartVerdict v = onlyVerdict(result);
    assertThat(v.part()).isEqualTo("hero");
    assertThat(v.verdict().passed()).isFalse();
    assertThat(v.verdict().feedback()).isEqualTo("Show the steel bottle.");
    assertThat(result.calls().get(0).modelId()).isEqualTo("openai/judge");
    assertThat(result.calls().get(0).step()).isEqualTo(Step.VISION_QA);

    // and the judge saw the hero's bytes as a data URI beside the headline and the code
    JsonNode body = server.requestsFor("judge").get(0).body();
    JsonNode contents = body.path("messages").get(1).path("content");
    List<String> urls = new ArrayList<>();
    StringBuilder texts = new StringBuilder();
    for (JsonNode content : contents) {
      if (content.path("type").asText().equals("image_url")) {
        urls.add(content.path("image_url").path("url").asText());
      } else {
        texts.append(content.path("text").asText()).append('\n');
      }
    }
    assertThat(urls)
        .containsExactly("data:image/png;base64," + Base64.getEncoder().encodeToString(picture));
    assertThat(texts.toString())
        .contains("### Part headline (TEXT)\n" + HEADLINE, "### Part landing (CODE html)");
    assertThat(body.path("response_format").path("json_schema").path("schema").toString())
        .contains("\"part\"", "\"hero\"");
  }

  @Test
  void should_not_call_the_judge_when_the_deterministic_checks_fail() throws Exception {
    // given
    server = new ScriptedServer();
    FileArtifactStore files = new FileArtifactStore(root);
    ArtifactRef headline = files.putText(HEADLINE);
    ArtifactRef hero = files.put(painted("A steel water bottle"), "image/png");
    ArtifactRef html = html(files, "<section><h2>Another title</h2></section>");

    // when
    ConsistencyResult result =
        start(files, scriptedVisionJudge(server)).checkConsistency(request(headline, hero, html));

    // then
    assertThat(result.verdicts().get(0).part()).isEqualTo("landing");
    assertThat(result.verdicts().get(0).verdict().passed()).isFalse();
    assertThat(server.requests()).isEmpty();
  }

  @Test
  void should_pass_offline_a_hero_that_shows_what_the_headline_promises() {
    // given a hero painted offline from a brief that fits the headline; when
    ConsistencyResult result =
        checkOfflineBesideTheHeadline("A steel water bottle on a rock by a mountain lake");

    // then
    PartVerdict v = onlyVerdict(result);
    assertThat(v.part()).isEqualTo("landing");
    assertThat(v.verdict().passed()).as(v.verdict().issues().toString()).isTrue();
  }

  @Test
  void should_fail_offline_a_hero_that_shows_something_else_naming_the_hero() {
    // given a hero painted offline from a brief about something else; when
    ConsistencyResult result =
        checkOfflineBesideTheHeadline("A red bicycle leaning on a brick wall in the city");

    // then the hero is at fault, and the feedback names what the headline promises
    PartVerdict v = onlyVerdict(result);
    assertThat(v.part()).isEqualTo("hero");
    assertThat(v.verdict().passed()).isFalse();
    assertThat(v.verdict().feedback())
        .startsWith("Show what the text of \"headline\" promises:")
        .contains("bottle");
    assertThat(result.calls().get(0).modelId()).isEqualTo("offline/conveyor-cross-part-judge");
  }

  @Test
  void should_fail_offline_a_text_that_ignores_the_text_it_uses_naming_it() {
    // given a sub-heading that uses the headline, once following it and once not
    FileArtifactStore files = new FileArtifactStore(root);
    ArtifactRef headline = files.putText(BOTTLE_HEADLINE);
    ArtifactRef follows = files.putText("A steel bottle that keeps your water cold on the trail.");
    ArtifactRef strays = files.putText("Our spring sale starts on Monday.");

    // when
    ConsistencyResult passing =
        start(files, offline()).checkConsistency(subheading(headline, follows));
    ConsistencyResult failing =
        env(files, offline()).checkConsistency(subheading(headline, strays));

    // then
    assertThat(passing.verdicts().get(0).verdict().passed()).isTrue();
    assertThat(passing.calls().get(0).step()).isEqualTo(Step.TEXT_QA);
    PartVerdict v = onlyVerdict(failing);
    assertThat(v.part()).isEqualTo("subheading");
    assertThat(v.verdict().passed()).isFalse();
    assertThat(v.verdict().feedback()).startsWith("Follow the text of \"headline\"");
  }

  /**
   * Checks offline a landing section with the bottle headline and a hero painted offline from the
   * brief.
   */
  private ConsistencyResult checkOfflineBesideTheHeadline(String heroBrief) {
    FileArtifactStore files = new FileArtifactStore(root);
    ArtifactRef headline = files.putText(BOTTLE_HEADLINE);
    ArtifactRef hero = files.put(painted(heroBrief), "image/png");
    return start(files, offline())
        .checkConsistency(request(headline, hero, fittingHtml(files, BOTTLE_HEADLINE)));
  }

  private static PartVerdict onlyVerdict(ConsistencyResult result) {
    assertThat(result.verdicts()).hasSize(1);
    return result.verdicts().get(0);
  }

  private static ConsistencyRequest subheading(ArtifactRef headline, ArtifactRef subheading) {
    return new ConsistencyRequest(
        "bundle-1",
        List.of(
            new PartOutput(
                "headline", OutputKind.TEXT, null, "A headline.", List.of(), headline, null),
            new PartOutput(
                "subheading",
                OutputKind.TEXT,
                null,
                "A sub-heading.",
                List.of("headline"),
                subheading,
                "subheading.txt")),
        1);
  }

  private static ModelCatalog offline() {
    return ModelCatalog.create(Map.of(), OfflineSettings.defaults(), n -> null);
  }

  private static ModelCatalog scriptedVisionJudge(ScriptedServer server) {
    ModelSettings judge =
        Models.settings("openai", "judge", server.url() + "/v1", "TEST_KEY", 1, 2);
    Map<Step, ModelSettings> steps = new EnumMap<>(Step.class);
    steps.put(Step.VISION_QA, judge);
    return ModelCatalog.create(
        steps, OfflineSettings.defaults(), n -> n.equals("TEST_KEY") ? "sk" : null);
  }

  private static byte[] painted(String prompt) {
    String base64 = new OfflineImageModel(Duration.ZERO).generate(prompt).content().base64Data();
    return Base64.getDecoder().decode(base64);
  }

  private static ArtifactRef fittingHtml(FileArtifactStore files) {
    return fittingHtml(files, HEADLINE);
  }

  private static ArtifactRef fittingHtml(FileArtifactStore files, String headline) {
    return html(
        files, "<section><h2>" + headline + "</h2><img src=\"hero.png\" alt=\"bottle\"></section>");
  }

  private static ArtifactRef html(FileArtifactStore files, String code) {
    return files.put(code.getBytes(StandardCharsets.UTF_8), CodeLanguage.HTML.contentType());
  }

  private static ConsistencyRequest request(
      FileArtifactStore files, ArtifactRef headline, ArtifactRef html) {
    return request(headline, files.put(new byte[] {1, 2, 3}, "image/png"), html);
  }

  private static ConsistencyRequest request(
      ArtifactRef headline, ArtifactRef hero, ArtifactRef html) {
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

  /** Starts the activity environment, or makes another stub on the one already started. */
  private BundleActivities env(FileArtifactStore files, ModelCatalog catalog) {
    return env == null
        ? start(files, catalog)
        : env.newActivityStub(BundleActivities.class, OPTIONS);
  }

  private BundleActivities start(FileArtifactStore files, ModelCatalog catalog) {
    env = TestActivityEnvironment.newInstance();
    env.registerActivitiesImplementations(
        new BundleActivitiesImpl(
            files, catalog, OfflineSettings.defaults(), CallRecorder.logOnly()));
    return env.newActivityStub(BundleActivities.class, OPTIONS);
  }
}
