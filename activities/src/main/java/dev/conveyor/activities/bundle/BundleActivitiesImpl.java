package dev.conveyor.activities.bundle;

import dev.conveyor.activities.artifact.ArtifactStore;
import dev.conveyor.activities.catalog.ModelCatalog;
import dev.conveyor.activities.code.CodeChecks;
import dev.conveyor.activities.code.CodeExpectations;
import dev.conveyor.activities.modelcall.CallSite;
import dev.conveyor.activities.modelcall.ModelCallFailures;
import dev.conveyor.activities.observability.CallRecorder;
import dev.conveyor.activities.offline.OfflineSettings;
import dev.conveyor.activities.qa.JudgeVerdicts;
import dev.conveyor.activities.qa.QaJudge;
import dev.conveyor.workflow.activity.ActivityErrors;
import dev.conveyor.workflow.activity.BundleActivities;
import dev.conveyor.workflow.activity.ConsistencyRequest;
import dev.conveyor.workflow.activity.ConsistencyRequest.PartOutput;
import dev.conveyor.workflow.activity.ConsistencyResult;
import dev.conveyor.workflow.activity.ConsistencyResult.PartVerdict;
import dev.conveyor.workflow.activity.QaResult;
import dev.conveyor.workflow.model.CodeLanguage;
import dev.conveyor.workflow.model.ModelCall;
import dev.conveyor.workflow.model.OutputKind;
import dev.conveyor.workflow.model.QaVerdict;
import dev.conveyor.workflow.model.Step;
import io.temporal.failure.ApplicationFailure;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Checks each CODE part of a bundle that uses others against them: the language's checks with the
 * used texts it must contain and the used images it must reference (jsoup for HTML; for other
 * languages, the used texts word for word), then the {@code code-qa} judge, told which texts and
 * images the code must carry. A failing verdict's feedback is what the part's next run acts on.
 */
public class BundleActivitiesImpl implements BundleActivities {

  private static final List<String> CRITERIA =
      List.of(
          "contains the text of every part it uses, word for word",
          "shows every image it uses where a reader expects it, with a fitting alt text");

  private final ArtifactStore store;
  private final QaJudge judge;
  private final CodeChecks checks = new CodeChecks();

  public BundleActivitiesImpl(
      ArtifactStore store, ModelCatalog catalog, OfflineSettings offline, CallRecorder recorder) {
    this.store = store;
    this.judge = new QaJudge(catalog, offline, recorder);
  }

  @Override
  public ConsistencyResult checkConsistency(ConsistencyRequest request) {
    if (request == null) {
      throw invalid("a cross-part check needs its parts");
    }
    Map<String, PartOutput> byName =
        request.parts().stream().collect(Collectors.toMap(PartOutput::name, Function.identity()));
    List<PartVerdict> verdicts = new ArrayList<>();
    List<ModelCall> calls = new ArrayList<>();
    try {
      for (PartOutput part : request.parts()) {
        if (part.uses().isEmpty() || part.outputKind() != OutputKind.CODE) {
          continue;
        }
        QaResult result = check(part, used(part, byName), request.run());
        verdicts.add(new PartVerdict(part.name(), result.verdict()));
        calls.add(result.call());
      }
    } catch (RuntimeException e) {
      throw ModelCallFailures.translate(e);
    }
    return new ConsistencyResult(verdicts, calls);
  }

  private List<PartOutput> used(PartOutput part, Map<String, PartOutput> byName) {
    List<PartOutput> used = new ArrayList<>();
    for (String name : part.uses()) {
      PartOutput output = byName.get(name);
      if (output == null || output.output() == null) {
        throw invalid("part " + part.name() + " uses " + name + ", which has no output");
      }
      used.add(output);
    }
    return used;
  }

  private QaResult check(PartOutput part, List<PartOutput> used, int run) {
    CodeLanguage language = CodeLanguage.of(part.language());
    if (language == null || part.output() == null) {
      throw invalid("part " + part.name() + " is no CODE output with a known language");
    }
    String code = store.readText(part.output());
    List<String> texts = new ArrayList<>();
    List<String> images = new ArrayList<>();
    for (PartOutput output : used) {
      if (output.outputKind() == OutputKind.IMAGE) {
        images.add(output.fileName());
      } else {
        texts.add(store.readText(output.output()));
      }
    }
    CodeExpectations expected = new CodeExpectations(null, texts, images);
    String requirements = requirements(part, used, texts);
    return judge.judge(
        new CallSite(Step.CODE_QA, null, 0, run),
        () -> deterministic(language, code, expected),
        format -> JudgeVerdicts.codeRequest(requirements, CRITERIA, language, code, format),
        null);
  }

  /**
   * The deterministic checks: the language's checker, which for HTML looks for each text and image;
   * other languages must contain each text word for word.
   */
  private QaVerdict deterministic(CodeLanguage language, String code, CodeExpectations expected) {
    QaVerdict parsed = checks.check(language, code, expected);
    if (!parsed.passed() || language == CodeLanguage.HTML) {
      return parsed;
    }
    List<String> missing =
        expected.texts().stream()
            .filter(text -> !normalize(code).contains(normalize(text)))
            .map(text -> "the code does not contain \"" + text.strip() + "\"")
            .toList();
    return missing.isEmpty()
        ? parsed
        : new QaVerdict(
            false, 0.0, missing, "Include word for word: " + String.join("; ", missing));
  }

  /** Returns what the judge is told the part must be: its requirements and what it uses. */
  private static String requirements(PartOutput part, List<PartOutput> used, List<String> texts) {
    StringBuilder brief = new StringBuilder(part.requirements() == null ? "" : part.requirements());
    brief.append("\n\nIt is the part \"").append(part.name()).append("\" of a bundle and uses:");
    int text = 0;
    for (PartOutput output : used) {
      if (output.outputKind() == OutputKind.IMAGE) {
        brief.append("\n- the image of part \"").append(output.name());
        brief.append("\", to embed as ").append(output.fileName());
      } else {
        brief.append("\n- the text of part \"").append(output.name()).append("\": ");
        brief.append(texts.get(text++).strip());
      }
    }
    return brief.toString();
  }

  private static String normalize(String text) {
    return text.strip().replaceAll("\\s+", " ");
  }

  private static ApplicationFailure invalid(String message) {
    return ApplicationFailure.newNonRetryableFailure(message, ActivityErrors.INVALID_INPUT);
  }
}
