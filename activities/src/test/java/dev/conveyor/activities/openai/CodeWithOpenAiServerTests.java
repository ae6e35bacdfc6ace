package dev.conveyor.activities.openai;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conveyor.activities.artifact.FileArtifactStore;
import dev.conveyor.activities.catalog.ModelCatalog;
import dev.conveyor.activities.catalog.ModelSettings;
import dev.conveyor.activities.coding.CodeActivitiesImpl;
import dev.conveyor.activities.offline.OfflineSettings;
import dev.conveyor.activities.testing.Models;
import dev.conveyor.activities.testing.ScriptedServer;
import dev.conveyor.activities.testing.Wire;
import dev.conveyor.workflow.activity.CodeActivities;
import dev.conveyor.workflow.activity.CodeGenerationRequest;
import dev.conveyor.workflow.activity.CodeQaRequest;
import dev.conveyor.workflow.activity.CodeSpec;
import dev.conveyor.workflow.activity.QaResult;
import dev.conveyor.workflow.activity.StepResult;
import dev.conveyor.workflow.model.ArtifactRef;
import dev.conveyor.workflow.model.CodeLanguage;
import dev.conveyor.workflow.model.Step;
import io.temporal.activity.ActivityOptions;
import io.temporal.testing.TestActivityEnvironment;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real LangChain4j OpenAI client writing and judging code against a scripted OpenAI-compatible
 * server on 127.0.0.1.
 */
class CodeWithOpenAiServerTests {

  static final String SECTION =
      "<section>\n  <h2>Durable pipelines</h2>\n  <p>Approved copy, every time.</p>\n</section>";
  static final String REQUIREMENTS = "Write the HTML of a landing section for Conveyor.";
  static final ActivityOptions OPTIONS =
      ActivityOptions.newBuilder()
          .setStartToCloseTimeout(Duration.ofMinutes(1))
          .setHeartbeatTimeout(Duration.ofSeconds(5))
          .build();

  @TempDir Path root;
  private ScriptedServer server;
  private FileArtifactStore store;
  private TestActivityEnvironment env;

  @BeforeEach
  void startServer() throws IOException {
    server =
        new ScriptedServer()
            .script(
                "coder",
                Wire.openAiChat(
                    "coder-2025-01-01",
                    "Here is the section:\n\n```html\n" + SECTION + "\n```\nIt has no scripts.",
                    "stop",
                    900,
                    120))
            .script("coder-locked", Wire.error(401))
            .script(
                "judge-pass",
                Wire.openAiChat("judge-pass", Wire.verdict(true, 0.9, "Ready."), "stop", 1_500, 40))
            .script(
                "judge-fail",
                Wire.openAiChat(
                    "judge-fail",
                    Wire.verdict(false, 0.4, "Add a call to action."),
                    "stop",
                    1_500,
                    40));
    store = new FileArtifactStore(root);
  }

  @AfterEach
  void stop() {
    if (env != null) {
      env.close();
    }
    server.close();
  }

  @Test
  void should_generate_code_take_it_out_of_its_fence_and_price_the_call() {
    CodeActivities code = activities(Map.of(Step.CODE_GENERATION, priced("coder")));

    StepResult result = code.generateCode(generation(CodeLanguage.HTML));

    assertThat(store.readText(result.artifact())).isEqualTo(SECTION + "\n");
    assertThat(result.artifact().contentType()).isEqualTo("text/html; charset=utf-8");
    assertThat(result.call().step()).isEqualTo(Step.CODE_GENERATION);
    assertThat(result.call().model()).isEqualTo("coder-2025-01-01");
    assertThat(result.call().inputTokens()).isEqualTo(900);
    // 900 input tokens at $1 and 120 output tokens at $2 per million.
    assertThat(result.call().costUsd()).isEqualByComparingTo(new BigDecimal("0.00114"));
    String system =
        server.requestsFor("coder").get(0).body().path("messages").get(0).path("content").asText();
    assertThat(system).contains("Answer with only the code", "```html");
    String user =
        server.requestsFor("coder").get(0).body().path("messages").get(1).path("content").asText();
    assertThat(user).contains("### Language\nhtml", REQUIREMENTS);
  }

  @Test
  void should_fall_back_from_a_failing_coder_to_the_next_model() {
    CodeActivities code =
        activities(
            Map.of(
                Step.CODE_GENERATION,
                Models.chain(
                    Models.settings(
                        "openai", "coder-locked", server.url() + "/v1", "TEST_KEY", 10, 1),
                    priced("coder"))));

    StepResult result = code.generateCode(generation(CodeLanguage.HTML));

    assertThat(store.readText(result.artifact())).isEqualTo(SECTION + "\n");
    assertThat(result.call().model()).isEqualTo("coder-2025-01-01");
    assertThat(server.requestsFor("coder-locked")).hasSize(1);
    assertThat(server.requestsFor("coder")).hasSize(1);
  }

  @Test
  void should_fall_back_to_the_offline_coder_when_the_server_refuses_the_key() {
    CodeActivities code =
        activities(
            Map.of(
                Step.CODE_GENERATION,
                Models.chain(
                    Models.settings(
                        "openai", "coder-locked", server.url() + "/v1", "TEST_KEY", 10, 1),
                    Models.offline())));

    StepResult result = code.generateCode(generation(CodeLanguage.JAVA));

    assertThat(result.call().modelId()).isEqualTo("offline/conveyor-code-writer");
    assertThat(store.readText(result.artifact())).contains("public final class");
    assertThat(server.requestsFor("coder-locked")).hasSize(1);
  }

  @Test
  void should_send_parsing_code_to_the_judge_with_the_structured_verdict() {
    CodeActivities code = activities(Map.of(Step.CODE_QA, priced("judge-fail")));
    ArtifactRef output = store.put(SECTION.getBytes(), CodeLanguage.HTML.contentType());

    QaResult qa = code.checkCode(qa(output));

    assertThat(qa.verdict().passed()).isFalse();
    assertThat(qa.verdict().feedback()).isEqualTo("Add a call to action.");
    assertThat(qa.call().step()).isEqualTo(Step.CODE_QA);
    var body = server.requestsFor("judge-fail").get(0).body();
    assertThat(body.path("response_format").path("json_schema").path("name").asText())
        .isEqualTo("qa_verdict");
    assertThat(body.path("messages").get(1).path("content").asText())
        .contains("### Code to judge\n```html\n" + SECTION);
  }

  @Test
  void should_not_call_the_judge_when_the_code_does_not_parse() {
    CodeActivities code = activities(Map.of(Step.CODE_QA, priced("judge-pass")));
    ArtifactRef output =
        store.put("<section><h2>Title</h3></section>".getBytes(), "text/html; charset=utf-8");

    QaResult qa = code.checkCode(qa(output));

    assertThat(qa.verdict().passed()).isFalse();
    assertThat(qa.verdict().issues().get(0)).contains("Unexpected EndTag token [</h3>]");
    assertThat(server.requestsFor("judge-pass")).isEmpty();
  }

  private CodeGenerationRequest generation(CodeLanguage language) {
    return new CodeGenerationRequest(
        store.putText("### Task\nWrite the landing section."),
        store.putText(REQUIREMENTS),
        CodeSpec.of(language),
        null,
        0,
        1,
        null);
  }

  private CodeQaRequest qa(ArtifactRef output) {
    return new CodeQaRequest(
        output,
        store.putText(REQUIREMENTS),
        List.of("Ends with a call to action"),
        CodeSpec.of(CodeLanguage.HTML),
        0,
        1,
        null);
  }

  private ModelSettings priced(String model) {
    return Models.settings("openai", model, server.url() + "/v1", "TEST_KEY", 10, 1);
  }

  private CodeActivities activities(Map<Step, ModelSettings> settings) {
    ModelCatalog catalog =
        ModelCatalog.create(
            new EnumMap<>(settings),
            OfflineSettings.defaults(),
            name -> name.equals("TEST_KEY") ? "sk-test" : null);
    env = TestActivityEnvironment.newInstance();
    env.registerActivitiesImplementations(
        new CodeActivitiesImpl(store, catalog, OfflineSettings.defaults()));
    return env.newActivityStub(CodeActivities.class, OPTIONS);
  }
}
