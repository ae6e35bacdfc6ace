package dev.conveyor.activities.qa;

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
import dev.conveyor.workflow.activity.QaResult;
import dev.conveyor.workflow.model.ModelCall;
import dev.conveyor.workflow.model.QaVerdict;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ResponseFormat;
import dev.langchain4j.model.chat.response.ChatResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The order every QA step follows: the deterministic checks first, whose failing verdict stands
 * without a model call; then the step's chain. With the {@code offline} provider the checks are the
 * verdict, except that the first {@link OfflineSettings#qaFailFirst()} attempts of each revision
 * are held back on purpose with feedback the next attempt acts on. A model judge answers the
 * structured verdict of {@link JudgeVerdicts}; an answer that is not one fails the call so that the
 * chain asks again.
 */
public final class QaJudge {

  private final ModelCatalog catalog;
  private final OfflineSettings offline;
  private final CallRecorder recorder;

  /** Creates the judge of a catalog's QA steps. */
  public QaJudge(ModelCatalog catalog, OfflineSettings offline, CallRecorder recorder) {
    this.catalog = catalog;
    this.offline = offline == null ? OfflineSettings.defaults() : offline;
    this.recorder = recorder;
  }

  /**
   * Judges an output.
   *
   * @param site the QA step, tier, revision and attempt
   * @param checks the deterministic checks
   * @param judgeRequest what a model judge is asked, given the response format its provider takes
   * @param holdBackFeedback the feedback of an attempt the offline QA holds back; null for a check
   *     that is no attempt of a revision, which the offline QA never holds back
   */
  public QaResult judge(
      CallSite site,
      Supplier<QaVerdict> checks,
      Function<ResponseFormat, ChatRequest> judgeRequest,
      String holdBackFeedback) {
    ModelCalls.Outcome<QaVerdict> judged =
        judge(
            site,
            checks,
            new JudgeContract<>(
                OfflineModels.nameFor(site.step()),
                "held back",
                Function.identity(),
                checked ->
                    holdBackFeedback != null && site.attempt() <= offline.qaFailFirst()
                        ? holdBack(checked, site, holdBackFeedback)
                        : checked,
                route -> judgeRequest.apply(JudgeVerdicts.responseFormat(route)),
                JudgeVerdicts::parse,
                Function.identity()));
    return new QaResult(judged.value(), judged.call());
  }

  /**
   * Judges in the same order with an answer of another shape, for example a verdict that also names
   * the part at fault: the deterministic checks, then the step's chain, whose offline model answers
   * as the contract says.
   *
   * @param site the QA step, tier, revision and attempt
   * @param checks the deterministic checks
   * @param contract how the answer is made from the checks, asked of a model and read
   */
  public <T> ModelCalls.Outcome<T> judge(
      CallSite site, Supplier<QaVerdict> checks, JudgeContract<T> contract) {
    boolean offlineFirst =
        catalog.profile(site.profile()).chain(site.step(), site.tier()).get(0).isOffline();
    String checker = contract.offlineModel();
    long started = System.nanoTime();
    QaVerdict checked =
        Heartbeats.whileRunning(
            site.step() + " offline/" + checker,
            () -> {
              if (offlineFirst) {
                OfflineModels.simulateLatency(offline.latency());
              }
              return checks.get();
            });
    if (!checked.passed()) {
      // The cheap checks failed: their verdict stands, and no paid model is called.
      return new ModelCalls.Outcome<>(
          contract.ofChecks().apply(checked),
          ModelCalls.offlineCheck(site, checker, started, "failed", recorder));
    }
    return ModelChain.run(
        catalog,
        recorder,
        site,
        turn -> {
          if (turn.route().isOffline()) {
            T answer = contract.offline().apply(checked);
            boolean passed = contract.verdict().apply(answer).passed();
            ModelCall call =
                ModelCalls.offlineCheck(
                    site,
                    checker,
                    started,
                    passed ? "passed" : contract.offlineFailure(),
                    recorder);
            return new ModelCalls.Outcome<>(answer, call);
          }
          ModelCalls.Outcome<ChatResponse> answer =
              turn.chat(contract.request().apply(turn.route()));
          String text = ModelAnswers.text(turn, answer.value(), "the verdict is empty");
          try {
            return new ModelCalls.Outcome<>(contract.parse().apply(text), answer.call());
          } catch (IllegalArgumentException e) {
            throw ModelCallFailures.unusableAnswer(turn.modelId(), e.getMessage());
          }
        });
  }

  private QaVerdict holdBack(QaVerdict checked, CallSite site, String feedback) {
    List<String> issues = new ArrayList<>(checked.issues());
    issues.add(
        "offline QA fails the first "
            + offline.qaFailFirst()
            + " attempts of each revision (conveyor.offline.qa-fail-first); this was attempt "
            + site.attempt()
            + " of revision "
            + site.revision());
    return new QaVerdict(false, Math.min(checked.score(), 0.5), issues, feedback);
  }
}
