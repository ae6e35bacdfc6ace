package dev.conveyor.activities.qa;

import dev.conveyor.activities.artifact.ArtifactStore;
import dev.conveyor.activities.catalog.ModelCatalog;
import dev.conveyor.activities.modelcall.CallSite;
import dev.conveyor.activities.modelcall.Heartbeats;
import dev.conveyor.activities.modelcall.ModelAnswers;
import dev.conveyor.activities.modelcall.ModelCallFailures;
import dev.conveyor.activities.modelcall.ModelCalls;
import dev.conveyor.activities.modelcall.ModelChain;
import dev.conveyor.activities.observability.CallRecorder;
import dev.conveyor.activities.offline.OfflineModels;
import dev.conveyor.activities.offline.OfflineSettings;
import dev.conveyor.activities.text.LengthLimits;
import dev.conveyor.workflow.activity.ActivityErrors;
import dev.conveyor.workflow.activity.QaActivities;
import dev.conveyor.workflow.activity.QaRequest;
import dev.conveyor.workflow.activity.QaResult;
import dev.conveyor.workflow.model.ArtifactRef;
import dev.conveyor.workflow.model.ModelCall;
import dev.conveyor.workflow.model.QaVerdict;
import dev.conveyor.workflow.model.Step;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ResponseFormat;
import dev.langchain4j.model.chat.response.ChatResponse;
import io.temporal.failure.ApplicationFailure;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Judges outputs. The deterministic checks always run first; when they fail, their verdict stands
 * and no model is called. With the {@code offline} provider the checks are the verdict, except that
 * the first {@link OfflineSettings#qaFailFirst()} attempts of each revision fail on purpose, with
 * feedback the next attempt acts on. With {@code openai} a judge model decides, and an answer that
 * is not the expected JSON fails the activity so that Temporal asks again.
 */
public class QaActivitiesImpl implements QaActivities {

  private final ArtifactStore store;
  private final ModelCatalog catalog;
  private final OfflineSettings offline;
  private final TextChecks textChecks = new TextChecks();
  private final ImageChecks imageChecks = new ImageChecks();
  private final CallRecorder recorder;

  public QaActivitiesImpl(ArtifactStore store, ModelCatalog catalog, OfflineSettings offline) {
    this(store, catalog, offline, CallRecorder.logOnly());
  }

  public QaActivitiesImpl(
      ArtifactStore store, ModelCatalog catalog, OfflineSettings offline, CallRecorder recorder) {
    this.store = store;
    this.catalog = catalog;
    this.offline = offline == null ? OfflineSettings.defaults() : offline;
    this.recorder = recorder;
  }

  @Override
  public QaResult checkText(QaRequest request) {
    try {
      validate(request);
      String requirements = store.readText(request.requirements());
      String output = store.readText(request.output());
      List<String> criteria = criteriaOf(request);
      return judge(
          Step.TEXT_QA,
          request,
          () -> textChecks.check(requirements, criteria, output),
          format -> JudgeVerdicts.textRequest(requirements, criteria, output, format),
          expandFeedback(requirements, criteria, output));
    } catch (RuntimeException e) {
      throw ModelCallFailures.translate(e);
    }
  }

  @Override
  public QaResult checkImage(QaRequest request) {
    try {
      validate(request);
      String requirements = store.readText(request.requirements());
      byte[] image = store.read(request.output());
      List<String> criteria = criteriaOf(request);
      return judge(
          Step.VISION_QA,
          request,
          () -> imageChecks.check(image),
          format ->
              JudgeVerdicts.imageRequest(
                  requirements, criteria, image, imageType(request.output()), format),
          "Make the picture bolder: stronger colours, a clearer focal point and more contrast.");
    } catch (RuntimeException e) {
      throw ModelCallFailures.translate(e);
    }
  }

  private QaResult judge(
      Step step,
      QaRequest request,
      Supplier<QaVerdict> checks,
      Function<ResponseFormat, ChatRequest> judgeRequest,
      String holdBackFeedback) {
    CallSite site = new CallSite(step, request.tier(), request.revision(), request.attempt());
    boolean offlineFirst = catalog.chain(step, site.tier()).get(0).isOffline();
    String checker = OfflineModels.nameFor(step);
    long started = System.nanoTime();
    QaVerdict checked =
        Heartbeats.whileRunning(
            step + " offline/" + checker,
            () -> {
              if (offlineFirst) {
                OfflineModels.simulateLatency(offline.latency());
              }
              return checks.get();
            });
    if (!checked.passed()) {
      // The cheap checks failed: their verdict stands, and no paid model is called.
      return new QaResult(
          checked, ModelCalls.offlineCheck(site, checker, started, "failed", recorder));
    }
    ModelCalls.Outcome<QaVerdict> judged =
        ModelChain.run(
            catalog,
            recorder,
            site,
            turn -> {
              if (turn.route().isOffline()) {
                QaVerdict verdict =
                    request.attempt() <= offline.qaFailFirst()
                        ? holdBack(checked, request, holdBackFeedback)
                        : checked;
                ModelCall call =
                    ModelCalls.offlineCheck(
                        site,
                        checker,
                        started,
                        verdict.passed() ? "passed" : "held back",
                        recorder);
                return new ModelCalls.Outcome<>(verdict, call);
              }
              ModelCalls.Outcome<ChatResponse> answer =
                  turn.chat(judgeRequest.apply(JudgeVerdicts.responseFormat(turn.route())));
              String text = ModelAnswers.text(turn, answer.value(), "the verdict is empty");
              try {
                return new ModelCalls.Outcome<>(JudgeVerdicts.parse(text), answer.call());
              } catch (IllegalArgumentException e) {
                throw ModelCallFailures.unusableAnswer(turn.modelId(), e.getMessage());
              }
            });
    return new QaResult(judged.value(), judged.call());
  }

  private QaVerdict holdBack(QaVerdict checked, QaRequest request, String feedback) {
    List<String> issues = new ArrayList<>(checked.issues());
    issues.add(
        "offline QA fails the first "
            + offline.qaFailFirst()
            + " attempts of each revision (conveyor.offline.qa-fail-first); this was attempt "
            + request.attempt()
            + " of revision "
            + request.revision());
    return new QaVerdict(false, Math.min(checked.score(), 0.5), issues, feedback);
  }

  /** Returns the feedback of a held-back text: longer, within the length the criteria allow. */
  private static String expandFeedback(String requirements, List<String> criteria, String output) {
    LengthLimits limits = LengthLimits.from(requirements, String.join("\n", criteria));
    int words = LengthLimits.countWords(output);
    int wanted = Math.min(words + Math.max(20, words / 2), limits.maxWords());
    if (wanted <= words) {
      return "Make the draft more concrete: replace general statements with specific detail.";
    }
    return "Expand the draft with more concrete detail: at least " + wanted + " words.";
  }

  private static String imageType(ArtifactRef ref) {
    return ref.image() ? ref.contentType() : "image/png";
  }

  private static List<String> criteriaOf(QaRequest request) {
    return request.qaCriteria() == null ? List.of() : request.qaCriteria();
  }

  private static void validate(QaRequest request) {
    if (request == null || request.output() == null || request.requirements() == null) {
      throw ApplicationFailure.newNonRetryableFailure(
          "a QA request needs an output and requirements", ActivityErrors.INVALID_INPUT);
    }
  }
}
