package dev.conveyor.workflow;

import static dev.conveyor.workflow.testing.ScriptedActivities.fail;
import static dev.conveyor.workflow.testing.ScriptedActivities.pass;
import static org.assertj.core.api.Assertions.assertThat;

import dev.conveyor.workflow.activity.CodeGenerationRequest;
import dev.conveyor.workflow.activity.CodeQaRequest;
import dev.conveyor.workflow.model.AttemptRecord;
import dev.conveyor.workflow.model.CodeLanguage;
import dev.conveyor.workflow.model.Decision;
import dev.conveyor.workflow.model.JobRequest;
import dev.conveyor.workflow.model.JobResult;
import dev.conveyor.workflow.model.JobStatus;
import dev.conveyor.workflow.model.ModelCall;
import dev.conveyor.workflow.model.OutputKind;
import dev.conveyor.workflow.model.Stage;
import dev.conveyor.workflow.model.Step;
import dev.conveyor.workflow.testing.JobWorkflowHarness;
import dev.conveyor.workflow.testing.ScriptedActivities;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** CODE jobs: the code steps, the language and schema they carry, the parser's feedback. */
class JobWorkflowCodeTests {

  private static final String PARSER_MESSAGE =
      "line 2, column 17: Unexpected EndTag token [</h3>] when in state [InBody]";

  private final JobWorkflowHarness harness = new JobWorkflowHarness();

  @AfterEach
  void closeEnvironment() {
    harness.close();
  }

  @Test
  void should_generate_and_check_code_in_its_language_then_approve() {
    // given
    ScriptedActivities activities = new ScriptedActivities();
    harness.start(activities);
    JobWorkflow job = harness.submit(code("html", null));

    // when
    JobStatus awaiting = harness.awaitStage(job, Stage.AWAITING_APPROVAL);

    // then the code steps ran, with the language, and no text or image step
    assertThat(awaiting.outputKind()).isEqualTo(OutputKind.CODE);
    assertThat(activities.invocations())
        .containsSubsequence("WritePrompt", "GenerateCode", "CheckCode")
        .doesNotContain("GenerateText", "CheckText", "GenerateImage", "CheckImage");
    assertThat(awaiting.calls())
        .extracting(ModelCall::step)
        .containsExactly(Step.PROMPT, Step.CODE_GENERATION, Step.CODE_QA);
    AttemptRecord attempt = awaiting.attempts().get(0);
    assertThat(attempt.generatedBy()).isEqualTo("scripted/coder");
    assertThat(attempt.checkedBy()).isEqualTo("scripted/code-judge");
    assertThat(awaiting.output().contentType()).isEqualTo(CodeLanguage.HTML.contentType());
    CodeGenerationRequest generation = activities.codeGenerations().get(0);
    assertThat(generation.spec().language()).isEqualTo(CodeLanguage.HTML);
    assertThat(generation.spec().jsonSchema()).isNull();
    assertThat(generation.feedback()).isNull();
    assertThat(activities.text(generation.requirements())).isEqualTo(REQUIREMENTS);
    CodeQaRequest check = activities.codeChecks().get(0);
    assertThat(check.output()).isEqualTo(awaiting.output());
    assertThat(check.qaCriteria()).containsExactly("uses an h2 heading");
    assertThat(check.spec()).isEqualTo(generation.spec());

    // when a reviewer approves
    job.approve(new Decision("alice", null, null));
    JobResult result = harness.result(job);

    // then the code is the job's output
    assertThat(result.state()).isEqualTo(Stage.APPROVED);
    assertThat(result.output()).isEqualTo(awaiting.output());
  }

  @Test
  void should_regenerate_with_the_parsers_message_when_the_code_does_not_parse() {
    // given the parser refuses the first attempt
    ScriptedActivities activities =
        new ScriptedActivities()
            .judgeCodeWith(request -> request.attempt() == 1 ? fail(PARSER_MESSAGE) : pass(0.9));
    harness.start(activities);
    JobWorkflow job = harness.submit(code("html", null));

    // when
    JobStatus awaiting = harness.awaitStage(job, Stage.AWAITING_APPROVAL);

    // then the second generation received the parser's message as its feedback
    assertThat(activities.codeGenerations())
        .extracting(CodeGenerationRequest::attempt, CodeGenerationRequest::feedback)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(1, null),
            org.assertj.core.groups.Tuple.tuple(2, PARSER_MESSAGE));
    assertThat(awaiting.attempts()).hasSize(2);
    assertThat(awaiting.attempts().get(0).verdict().passed()).isFalse();
    assertThat(awaiting.attempts().get(1).feedback()).isEqualTo(PARSER_MESSAGE);
    assertThat(awaiting.attempts().get(1).verdict().passed()).isTrue();
    assertThat(awaiting.calls())
        .extracting(ModelCall::step)
        .containsExactly(
            Step.PROMPT, Step.CODE_GENERATION, Step.CODE_QA, Step.CODE_GENERATION, Step.CODE_QA);
  }

  @Test
  void should_store_the_json_schema_once_and_pass_it_to_every_code_step() {
    // given
    String schema = "{\"type\": \"object\", \"required\": [\"price\"]}";
    ScriptedActivities activities = new ScriptedActivities().failFirst(0);
    activities.judgeCodeWith(
        request -> request.attempt() == 1 ? fail("schema: at /price") : pass(1));
    harness.start(activities);
    JobWorkflow job = harness.submit(code("json", schema));

    // when
    harness.awaitStage(job, Stage.AWAITING_APPROVAL);

    // then one stored schema travels with both generations and both checks
    List<CodeGenerationRequest> generations = activities.codeGenerations();
    assertThat(generations).hasSize(2);
    assertThat(generations.get(0).spec().language()).isEqualTo(CodeLanguage.JSON);
    assertThat(activities.text(generations.get(0).spec().jsonSchema())).isEqualTo(schema);
    assertThat(generations.get(1).spec()).isEqualTo(generations.get(0).spec());
    assertThat(activities.codeChecks())
        .allSatisfy(check -> assertThat(check.spec()).isEqualTo(generations.get(0).spec()));
    assertThat(activities.invocations().stream().filter("StoreText"::equals)).hasSize(2);
  }

  @Test
  void should_fail_a_code_job_started_without_a_language_straight_through_temporal() {
    // given
    harness.start(new ScriptedActivities());

    // when
    JobResult result = harness.result(harness.submit(code(null, null)));

    // then
    assertThat(result.state()).isEqualTo(Stage.FAILED);
    assertThat(result.reason()).contains("language");
  }

  private static final String REQUIREMENTS = "A landing section for a steel water bottle.";

  private static JobRequest code(String language, String schema) {
    return JobRequest.builder(REQUIREMENTS, OutputKind.CODE)
        .qaCriteria(List.of("uses an h2 heading"))
        .language(language)
        .jsonSchema(schema)
        .build();
  }
}
