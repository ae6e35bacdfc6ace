package dev.conveyor.activities.qa;

import dev.conveyor.activities.artifact.ArtifactStore;
import dev.conveyor.activities.catalog.ModelCatalog;
import dev.conveyor.activities.modelcall.CallSite;
import dev.conveyor.activities.modelcall.ModelCallFailures;
import dev.conveyor.activities.observability.CallRecorder;
import dev.conveyor.activities.offline.OfflineSettings;
import dev.conveyor.activities.text.LengthLimits;
import dev.conveyor.workflow.activity.ActivityErrors;
import dev.conveyor.workflow.activity.QaActivities;
import dev.conveyor.workflow.activity.QaRequest;
import dev.conveyor.workflow.activity.QaResult;
import dev.conveyor.workflow.model.ArtifactRef;
import dev.conveyor.workflow.model.QaVerdict;
import dev.conveyor.workflow.model.Step;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ResponseFormat;
import io.temporal.failure.ApplicationFailure;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Judges text and image outputs in the order {@link QaJudge} follows: the deterministic checks
 * first, then the step's judge.
 */
public class QaActivitiesImpl implements QaActivities {

  private final ArtifactStore store;
  private final QaJudge judge;
  private final TextChecks textChecks = new TextChecks();
  private final ImageChecks imageChecks = new ImageChecks();

  public QaActivitiesImpl(ArtifactStore store, ModelCatalog catalog, OfflineSettings offline) {
    this(store, catalog, offline, CallRecorder.logOnly());
  }

  public QaActivitiesImpl(
      ArtifactStore store, ModelCatalog catalog, OfflineSettings offline, CallRecorder recorder) {
    this.store = store;
    this.judge = new QaJudge(catalog, offline, recorder);
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
    CallSite site =
        new CallSite(
            step, request.tier(), request.revision(), request.attempt(), request.profile());
    return judge.judge(site, checks, judgeRequest, holdBackFeedback);
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
