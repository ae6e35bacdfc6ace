package dev.conveyor.activities.bundle;

import dev.conveyor.activities.artifact.ArtifactStore;
import dev.conveyor.activities.bundle.CrossPartBriefs.Shown;
import dev.conveyor.activities.catalog.ModelCatalog;
import dev.conveyor.activities.code.CodeChecks;
import dev.conveyor.activities.code.CodeExpectations;
import dev.conveyor.activities.modelcall.CallSite;
import dev.conveyor.activities.modelcall.ModelCallFailures;
import dev.conveyor.activities.modelcall.ModelCalls;
import dev.conveyor.activities.observability.CallRecorder;
import dev.conveyor.activities.offline.OfflineCrossPartJudge;
import dev.conveyor.activities.offline.OfflineModels;
import dev.conveyor.activities.offline.OfflineSettings;
import dev.conveyor.activities.qa.JudgeContract;
import dev.conveyor.activities.qa.QaJudge;
import dev.conveyor.workflow.activity.ActivityErrors;
import dev.conveyor.workflow.activity.BundleActivities;
import dev.conveyor.workflow.activity.ConsistencyRequest;
import dev.conveyor.workflow.activity.ConsistencyRequest.PartOutput;
import dev.conveyor.workflow.activity.ConsistencyResult;
import dev.conveyor.workflow.activity.ConsistencyResult.PartVerdict;
import dev.conveyor.workflow.model.ArtifactRef;
import dev.conveyor.workflow.model.CodeLanguage;
import dev.conveyor.workflow.model.ModelCall;
import dev.conveyor.workflow.model.OutputKind;
import dev.conveyor.workflow.model.QaVerdict;
import dev.conveyor.workflow.model.Step;
import dev.langchain4j.model.chat.request.ChatRequest;
import io.temporal.failure.ApplicationFailure;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Checks each part of a bundle that uses others against them. A CODE part first passes the
 * language's checks with the used texts it must contain and the used images it must reference
 * (jsoup for HTML; for other languages, the used texts word for word); a failure there stands
 * without a model call and is the code part's. Then the cross-part judge sees the part and the
 * parts it uses together (texts, code, and every image's bytes) and names the part at fault when
 * they disagree. With an image among them the judge is the {@code vision-qa} step's chain,
 * otherwise the part's own QA step's; the offline provider's judge is {@link
 * OfflineCrossPartJudge}.
 */
public class BundleActivitiesImpl implements BundleActivities {

  private static final List<String> CRITERIA =
      List.of(
          "code contains the text of every part it uses, word for word",
          "code shows every image it uses where a reader expects it, with a fitting alt text",
          "every image shows what the texts beside it promise",
          "a text follows the texts it uses");

  /** The deterministic verdict of a TEXT or IMAGE part: it has no checks of its own here. */
  private static final QaVerdict PASSED = new QaVerdict(true, 1.0, List.of(), "");

  private final ArtifactStore store;
  private final QaJudge judge;
  private final CodeChecks checks = new CodeChecks();
  private final OfflineCrossPartJudge offlineJudge = new OfflineCrossPartJudge();

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
        if (part.uses().isEmpty()) {
          continue;
        }
        ModelCalls.Outcome<CrossPartVerdict> result =
            check(part, used(part, byName), request.run());
        verdicts.add(new PartVerdict(result.value().part(), result.value().verdict()));
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

  private ModelCalls.Outcome<CrossPartVerdict> check(
      PartOutput part, List<PartOutput> used, int run) {
    if (part.output() == null) {
      throw invalid("part " + part.name() + " has no output to check");
    }
    List<Shown> shown = new ArrayList<>();
    List<String> texts = new ArrayList<>();
    List<String> images = new ArrayList<>();
    for (PartOutput output : used) {
      Shown one = shown(output);
      shown.add(one);
      if (output.outputKind() == OutputKind.IMAGE) {
        images.add(output.fileName());
      } else {
        texts.add(one.text());
      }
    }
    Shown checked = shown(part);
    shown.add(checked);
    Supplier<QaVerdict> deterministic = () -> PASSED;
    if (part.outputKind() == OutputKind.CODE) {
      CodeLanguage language = CodeLanguage.of(part.language());
      if (language == null) {
        throw invalid("part " + part.name() + " is no CODE output with a known language");
      }
      CodeExpectations expected = new CodeExpectations(null, texts, images);
      deterministic = () -> deterministic(language, checked.text(), expected);
    }
    boolean seesImages = shown.stream().anyMatch(s -> s.kind() == OutputKind.IMAGE);
    Step step = seesImages ? Step.VISION_QA : Step.qaFor(part.outputKind());
    String requirements = requirements(part, used, texts);
    List<String> names = shown.stream().map(Shown::name).toList();
    return judge.judge(
        new CallSite(step, null, 0, run),
        deterministic,
        new JudgeContract<>(
            OfflineModels.CROSS_PART_JUDGE,
            "failed",
            verdict -> new CrossPartVerdict(part.name(), verdict),
            verdict -> {
              ChatRequest asked =
                  CrossPartBriefs.request(requirements, CRITERIA, part.name(), shown, null);
              String answer = offlineJudge.chat(asked).aiMessage().text();
              return CrossPartBriefs.parse(answer, part.name(), names);
            },
            route -> CrossPartBriefs.request(requirements, CRITERIA, part.name(), shown, route),
            answer -> CrossPartBriefs.parse(answer, part.name(), names),
            CrossPartVerdict::verdict));
  }

  /** Returns a part as the judge sees it: its text or code, or its image's bytes. */
  private Shown shown(PartOutput part) {
    ArtifactRef output = part.output();
    if (part.outputKind() == OutputKind.IMAGE) {
      String type = output.image() ? output.contentType() : "image/png";
      return new Shown(
          part.name(), part.outputKind(), null, null, store.read(output), type, part.fileName());
    }
    return new Shown(
        part.name(),
        part.outputKind(),
        part.language(),
        store.readText(output),
        null,
        null,
        part.fileName());
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
