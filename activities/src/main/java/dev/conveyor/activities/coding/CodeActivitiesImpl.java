package dev.conveyor.activities.coding;

import dev.conveyor.activities.artifact.ArtifactStore;
import dev.conveyor.activities.brief.Briefs;
import dev.conveyor.activities.catalog.ModelCatalog;
import dev.conveyor.activities.code.CodeChecks;
import dev.conveyor.activities.code.CodeExpectations;
import dev.conveyor.activities.code.CodeFences;
import dev.conveyor.activities.modelcall.CallSite;
import dev.conveyor.activities.modelcall.ModelAnswers;
import dev.conveyor.activities.modelcall.ModelCallFailures;
import dev.conveyor.activities.modelcall.ModelCalls;
import dev.conveyor.activities.modelcall.ModelChain;
import dev.conveyor.activities.observability.CallRecorder;
import dev.conveyor.activities.offline.OfflineSettings;
import dev.conveyor.activities.qa.JudgeVerdicts;
import dev.conveyor.activities.qa.QaJudge;
import dev.conveyor.workflow.activity.ActivityErrors;
import dev.conveyor.workflow.activity.CodeActivities;
import dev.conveyor.workflow.activity.CodeGenerationRequest;
import dev.conveyor.workflow.activity.CodeQaRequest;
import dev.conveyor.workflow.activity.CodeSpec;
import dev.conveyor.workflow.activity.QaResult;
import dev.conveyor.workflow.activity.StepResult;
import dev.conveyor.workflow.model.CodeLanguage;
import dev.conveyor.workflow.model.QaVerdict;
import dev.conveyor.workflow.model.Step;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import io.temporal.failure.ApplicationFailure;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Generates code with the first model of the {@link Step#CODE_GENERATION} chain that serves, takes
 * the code out of its Markdown fence and stores it with the language's content type; and checks
 * code with the language's parser first, then the judge of {@link Step#CODE_QA} (see {@link
 * QaJudge}). A JSON Schema that is not one fails the activity for good: no attempt can fix it.
 */
public class CodeActivitiesImpl implements CodeActivities {

  private final ArtifactStore store;
  private final ModelCatalog catalog;
  private final CallRecorder recorder;
  private final QaJudge judge;
  private final CodeChecks checks = new CodeChecks();

  public CodeActivitiesImpl(ArtifactStore store, ModelCatalog catalog, OfflineSettings offline) {
    this(store, catalog, offline, CallRecorder.logOnly());
  }

  public CodeActivitiesImpl(
      ArtifactStore store, ModelCatalog catalog, OfflineSettings offline, CallRecorder recorder) {
    this.store = store;
    this.catalog = catalog;
    this.recorder = recorder;
    this.judge = new QaJudge(catalog, offline, recorder);
  }

  @Override
  public StepResult generateCode(CodeGenerationRequest request) {
    if (request == null || request.prompt() == null || request.requirements() == null) {
      throw invalid("a code generation request needs a prompt and requirements");
    }
    CodeLanguage language = languageOf(request.spec());
    try {
      ChatRequest brief =
          Briefs.codeRequest(
              store.readText(request.prompt()),
              store.readText(request.requirements()),
              language,
              expectations(request.spec()),
              request.feedback());
      CallSite site =
          new CallSite(
              Step.CODE_GENERATION,
              request.tier(),
              request.revision(),
              request.attempt(),
              request.profile());
      ModelCalls.Outcome<String> written =
          ModelChain.run(
              catalog,
              recorder,
              site,
              turn -> {
                ModelCalls.Outcome<ChatResponse> answer = turn.chat(brief);
                String text = ModelAnswers.text(turn, answer.value(), "the code is empty");
                String code = CodeFences.extract(text, language);
                if (code.isEmpty()) {
                  throw ModelCallFailures.unusableAnswer(turn.modelId(), "an empty code block");
                }
                return new ModelCalls.Outcome<>(code, answer.call());
              });
      byte[] code = (written.value() + "\n").getBytes(StandardCharsets.UTF_8);
      return new StepResult(store.put(code, language.contentType()), written.call());
    } catch (RuntimeException e) {
      throw ModelCallFailures.translate(e);
    }
  }

  @Override
  public QaResult checkCode(CodeQaRequest request) {
    if (request == null || request.output() == null || request.requirements() == null) {
      throw invalid("a code QA request needs an output and requirements");
    }
    CodeLanguage language = languageOf(request.spec());
    try {
      String requirements = store.readText(request.requirements());
      String code = store.readText(request.output());
      List<String> criteria = request.qaCriteria() == null ? List.of() : request.qaCriteria();
      CodeExpectations expected = expectations(request.spec());
      CallSite site =
          new CallSite(
              Step.CODE_QA,
              request.tier(),
              request.revision(),
              request.attempt(),
              request.profile());
      return judge.judge(
          site,
          () -> checkedOrInvalid(language, code, expected),
          format -> JudgeVerdicts.codeRequest(requirements, criteria, language, code, format),
          "Review the "
              + language.id()
              + " once more against every requirement and keep it minimal and readable.");
    } catch (RuntimeException e) {
      throw ModelCallFailures.translate(e);
    }
  }

  private QaVerdict checkedOrInvalid(
      CodeLanguage language, String code, CodeExpectations expected) {
    try {
      return checks.check(language, code, expected);
    } catch (IllegalArgumentException e) {
      throw invalid(e.getMessage());
    }
  }

  private CodeExpectations expectations(CodeSpec spec) {
    String schema = spec.jsonSchema() == null ? null : store.readText(spec.jsonSchema());
    List<String> texts = spec.texts().stream().map(store::readText).toList();
    return new CodeExpectations(schema, texts, spec.imageSources());
  }

  private static CodeLanguage languageOf(CodeSpec spec) {
    if (spec == null || spec.language() == null) {
      throw invalid("a code request needs a language: one of " + CodeLanguage.ids());
    }
    return spec.language();
  }

  private static ApplicationFailure invalid(String message) {
    return ApplicationFailure.newNonRetryableFailure(message, ActivityErrors.INVALID_INPUT);
  }
}
