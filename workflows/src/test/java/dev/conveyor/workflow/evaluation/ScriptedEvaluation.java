package dev.conveyor.workflow.evaluation;

import dev.conveyor.workflow.activity.GenerationRequest;
import dev.conveyor.workflow.activity.QaRequest;
import dev.conveyor.workflow.activity.StepResult;
import dev.conveyor.workflow.model.ArtifactRef;
import dev.conveyor.workflow.model.OutputKind;
import dev.conveyor.workflow.model.QaVerdict;
import dev.conveyor.workflow.testing.ActivityGate;
import dev.conveyor.workflow.testing.ScriptedActivities;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Scripted activities of a whole evaluation: the jobs' (from {@link ScriptedActivities}, where QA
 * fails every attempt of the {@code economy} profile on even cases) and the evaluation's own, which
 * serve golden cases from a list and keep the report requests.
 */
class ScriptedEvaluation extends ScriptedActivities implements EvaluationActivities {

  static final ArtifactRef GOLDEN_SET = new ArtifactRef("a".repeat(64), "application/jsonl", 10);

  private final List<GoldenCase> cases;
  private final List<ReportRequest> reports = new CopyOnWriteArrayList<>();
  private final AtomicInteger generating = new AtomicInteger();
  private final AtomicInteger mostGenerating = new AtomicInteger();
  private volatile ActivityGate generationGate;

  ScriptedEvaluation(int cases) {
    this.cases =
        java.util.stream.IntStream.rangeClosed(1, cases)
            .mapToObj(
                n ->
                    new GoldenCase(
                        "Case " + n + ": a blurb for a water bottle.",
                        OutputKind.TEXT,
                        List.of("mentions the bottle"),
                        null,
                        n % 2 == 0 ? ExpectedOutcome.FAIL : ExpectedOutcome.PASS,
                        null))
            .toList();
    judgeWith(ScriptedEvaluation::verdict);
  }

  /** Holds every generation at the gate until the test opens it. */
  ScriptedEvaluation holdGenerations(ActivityGate gate) {
    this.generationGate = gate;
    return this;
  }

  private static QaVerdict verdict(QaRequest request) {
    return "economy".equals(request.profile()) && request.attempt() < 3
        ? fail("too short")
        : pass(0.9);
  }

  @Override
  public StepResult generateText(GenerationRequest request) {
    int now = generating.incrementAndGet();
    mostGenerating.accumulateAndGet(now, Math::max);
    try {
      ActivityGate gate = generationGate;
      if (gate != null) {
        gate.pass();
      } else {
        // Long enough for jobs over the limit to overlap, were the limit not kept.
        Thread.sleep(50);
      }
      return super.generateText(request);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } finally {
      generating.decrementAndGet();
    }
  }

  @Override
  public GoldenCase readCase(ArtifactRef goldenSet, int caseNumber) {
    return cases.get(caseNumber - 1);
  }

  @Override
  public EvaluationReportRefs writeReport(ReportRequest request) {
    reports.add(request);
    ArtifactRef report = storeText("report of " + request.evaluationId());
    return new EvaluationReportRefs(
        report, report, report, "economy: the cheapest within 5 points");
  }

  List<ReportRequest> reports() {
    return reports;
  }

  int mostGeneratingAtOnce() {
    return mostGenerating.get();
  }
}
