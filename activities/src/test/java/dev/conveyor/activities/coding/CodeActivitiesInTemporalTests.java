package dev.conveyor.activities.coding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.conveyor.activities.artifact.FileArtifactStore;
import dev.conveyor.activities.catalog.ModelCatalog;
import dev.conveyor.activities.offline.OfflineSettings;
import dev.conveyor.workflow.activity.ActivityErrors;
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
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestActivityEnvironment;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The code activities with the offline models, called through Temporal's activity environment. */
class CodeActivitiesInTemporalTests {

  static final ActivityOptions OPTIONS =
      ActivityOptions.newBuilder()
          .setStartToCloseTimeout(Duration.ofMinutes(1))
          .setHeartbeatTimeout(Duration.ofSeconds(2))
          .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(1).build())
          .build();

  static final Map<CodeLanguage, String> REQUIREMENTS =
      Map.of(
          CodeLanguage.HTML, "Write the HTML of a landing section for Conveyor.",
          CodeLanguage.JSON, "Create a JSON document for a product with the fields name and price.",
          CodeLanguage.SQL, "Write a query of the columns id and email from the customers table.",
          CodeLanguage.JAVA, "Write a Java record named Customer with the fields name and email.");

  @TempDir Path root;
  private TestActivityEnvironment env;
  private FileArtifactStore store;

  @AfterEach
  void close() {
    if (env != null) {
      env.close();
    }
  }

  @ParameterizedTest
  @EnumSource(CodeLanguage.class)
  void should_generate_code_that_passes_its_checks_with_the_offline_models(CodeLanguage language) {
    CodeActivities code = start(OfflineSettings.defaults());
    ArtifactRef requirements = store.putText(REQUIREMENTS.get(language));
    CodeSpec spec = CodeSpec.of(language);

    StepResult generated = code.generateCode(generation(requirements, spec, null));
    QaResult qa =
        code.checkCode(
            new CodeQaRequest(generated.artifact(), requirements, List.of(), spec, 0, 1, null));

    assertThat(generated.artifact().contentType()).isEqualTo(language.contentType());
    assertThat(store.readText(generated.artifact())).doesNotContain("```");
    assertThat(generated.call().step()).isEqualTo(Step.CODE_GENERATION);
    assertThat(generated.call().modelId()).isEqualTo("offline/conveyor-code-writer");
    assertThat(generated.call().outputTokens()).isPositive();
    assertThat(generated.call().costUsd()).isEqualByComparingTo(BigDecimal.ZERO);
    assertThat(qa.verdict().passed()).as(qa.verdict().issues().toString()).isTrue();
    assertThat(qa.call().step()).isEqualTo(Step.CODE_QA);
    assertThat(qa.call().modelId()).isEqualTo("offline/conveyor-code-checks");
  }

  @Test
  void should_embed_the_texts_and_images_of_the_parts_the_html_uses() {
    CodeActivities code = start(OfflineSettings.defaults());
    ArtifactRef requirements = store.putText("Write the landing section.");
    CodeSpec spec =
        new CodeSpec(
            CodeLanguage.HTML,
            null,
            List.of(store.putText("Ship approved copy, faster")),
            List.of("hero.png"));

    StepResult generated = code.generateCode(generation(requirements, spec, null));
    QaResult qa =
        code.checkCode(
            new CodeQaRequest(generated.artifact(), requirements, List.of(), spec, 0, 1, null));

    assertThat(store.readText(generated.artifact()))
        .contains("<h2>Ship approved copy, faster</h2>", "src=\"hero.png\"");
    assertThat(qa.verdict().passed()).as(qa.verdict().issues().toString()).isTrue();
  }

  @Test
  void should_fail_broken_code_with_the_parsers_messages_and_call_no_judge() {
    CodeActivities code = start(OfflineSettings.defaults());
    ArtifactRef requirements = store.putText("Write a query.");
    ArtifactRef broken = store.put("SELECT id name, FROM customers".getBytes(), "application/sql");

    QaResult qa =
        code.checkCode(
            new CodeQaRequest(
                broken, requirements, List.of(), CodeSpec.of(CodeLanguage.SQL), 0, 1, null));

    assertThat(qa.verdict().passed()).isFalse();
    assertThat(qa.verdict().issues())
        .singleElement()
        .asString()
        .startsWith("line 1, column 15: Encountered unexpected token: \",\"");
    assertThat(qa.verdict().feedback()).contains("line 1, column 15");
    assertThat(qa.call().modelId()).isEqualTo("offline/conveyor-code-checks");
  }

  @Test
  void should_validate_json_against_the_jobs_schema() {
    CodeActivities code = start(OfflineSettings.defaults());
    ArtifactRef requirements = store.putText("Create the product data.");
    ArtifactRef schema =
        store.putText(
            "{\"type\": \"object\", \"properties\": {\"sku\": {\"type\": \"string\"},"
                + " \"stock\": {\"type\": \"integer\", \"minimum\": 1}},"
                + " \"required\": [\"sku\", \"stock\"]}");
    CodeSpec spec = new CodeSpec(CodeLanguage.JSON, schema, List.of(), List.of());
    ArtifactRef invalid = store.put("{\"sku\": 7}".getBytes(), "application/json");

    StepResult generated = code.generateCode(generation(requirements, spec, null));
    QaResult good =
        code.checkCode(
            new CodeQaRequest(generated.artifact(), requirements, List.of(), spec, 0, 1, null));
    QaResult bad =
        code.checkCode(new CodeQaRequest(invalid, requirements, List.of(), spec, 0, 1, null));

    assertThat(good.verdict().passed()).as(good.verdict().issues().toString()).isTrue();
    assertThat(bad.verdict().issues())
        .containsExactlyInAnyOrder(
            "schema: at /sku: integer found, string expected",
            "schema: at the root: required property 'stock' not found");
  }

  @Test
  void should_fail_for_good_on_a_schema_that_is_not_one_or_a_missing_language() {
    CodeActivities code = start(OfflineSettings.defaults());
    ArtifactRef requirements = store.putText("Create the product data.");
    ArtifactRef output = store.put("{}".getBytes(), "application/json");
    CodeSpec badSchema =
        new CodeSpec(CodeLanguage.JSON, store.putText("{\"type\": 12}"), List.of(), List.of());

    assertInvalidInput(
        () ->
            code.checkCode(
                new CodeQaRequest(output, requirements, List.of(), badSchema, 0, 1, null)));
    assertInvalidInput(
        () ->
            code.generateCode(
                generation(requirements, new CodeSpec(null, null, null, null), null)));
  }

  @Test
  void should_hold_back_the_first_attempts_that_qa_fail_first_names() {
    CodeActivities code = start(new OfflineSettings(1, Duration.ZERO));
    ArtifactRef requirements = store.putText(REQUIREMENTS.get(CodeLanguage.JAVA));
    CodeSpec spec = CodeSpec.of(CodeLanguage.JAVA);
    ArtifactRef output = code.generateCode(generation(requirements, spec, null)).artifact();

    QaResult first =
        code.checkCode(new CodeQaRequest(output, requirements, List.of(), spec, 0, 1, null));
    StepResult revised =
        code.generateCode(generation(requirements, spec, first.verdict().feedback()));
    QaResult second =
        code.checkCode(
            new CodeQaRequest(revised.artifact(), requirements, List.of(), spec, 0, 2, null));

    assertThat(first.verdict().passed()).isFalse();
    assertThat(first.verdict().feedback()).contains("java");
    assertThat(revised.artifact()).isNotEqualTo(output);
    assertThat(second.verdict().passed()).as(second.verdict().issues().toString()).isTrue();
  }

  private CodeGenerationRequest generation(
      ArtifactRef requirements, CodeSpec spec, String feedback) {
    return new CodeGenerationRequest(
        store.putText("### Task\nWrite the code the requirements ask for."),
        requirements,
        spec,
        feedback,
        0,
        feedback == null ? 1 : 2,
        null);
  }

  private static void assertInvalidInput(
      org.assertj.core.api.ThrowableAssert.ThrowingCallable call) {
    assertThatThrownBy(call)
        .isInstanceOf(ActivityFailure.class)
        .cause()
        .isInstanceOfSatisfying(
            ApplicationFailure.class,
            failure -> {
              assertThat(failure.getType()).isEqualTo(ActivityErrors.INVALID_INPUT);
              assertThat(failure.isNonRetryable()).isTrue();
            });
  }

  private CodeActivities start(OfflineSettings offline) {
    store = new FileArtifactStore(root);
    ModelCatalog catalog = ModelCatalog.create(Map.of(), offline, name -> null);
    env = TestActivityEnvironment.newInstance();
    env.registerActivitiesImplementations(new CodeActivitiesImpl(store, catalog, offline));
    return env.newActivityStub(CodeActivities.class, OPTIONS);
  }
}
