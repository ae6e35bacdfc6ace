package dev.conveyor.workflow.evaluation;

import dev.conveyor.workflow.JobTexts;
import dev.conveyor.workflow.JobWorkflow;
import dev.conveyor.workflow.model.FieldError;
import dev.conveyor.workflow.model.JobResult;
import dev.conveyor.workflow.model.Stage;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.CanceledFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.ChildWorkflowOptions;
import io.temporal.workflow.Workflow;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;

/**
 * The evaluation, read top to bottom: check the request, start each case on each profile as a child
 * job when fewer than the concurrency limit run, wait for the last, then have an activity write the
 * report. Deterministic: the limit is a counter the child jobs' completions lower, and {@link
 * Workflow#await} waits on it.
 */
public class EvaluationWorkflowImpl implements EvaluationWorkflow {

  private static final Logger log = Workflow.getLogger(EvaluationWorkflowImpl.class);

  private static final RetryOptions RETRY =
      RetryOptions.newBuilder()
          .setInitialInterval(Duration.ofSeconds(1))
          .setMaximumAttempts(5)
          .setDoNotRetry("GoldenSetInvalid")
          .build();

  private final EvaluationActivities reading =
      Workflow.newActivityStub(
          EvaluationActivities.class,
          ActivityOptions.newBuilder()
              .setStartToCloseTimeout(Duration.ofSeconds(30))
              .setRetryOptions(RETRY)
              .build());

  private final EvaluationActivities reporting =
      Workflow.newActivityStub(
          EvaluationActivities.class,
          ActivityOptions.newBuilder()
              .setStartToCloseTimeout(Duration.ofMinutes(5))
              .setRetryOptions(RETRY)
              .build());

  private final String evaluationId = Workflow.getInfo().getWorkflowId();
  private final Map<String, Integer> done = new LinkedHashMap<>();
  private final Map<String, Integer> approved = new LinkedHashMap<>();
  private final List<CaseRun> runs = new ArrayList<>();
  private EvaluationStage stage = EvaluationStage.RUNNING;
  private int cases;
  private List<String> profiles = List.of();
  private int running;
  private EvaluationReportRefs report;
  private String reason;

  @Override
  public EvaluationProgress run(EvaluationRequest request) {
    cases = request.cases();
    profiles = request.profiles();
    profiles.forEach(
        profile -> {
          done.put(profile, 0);
          approved.put(profile, 0);
        });
    List<FieldError> errors = EvaluationRequestValidator.validate(request);
    if (!errors.isEmpty()) {
      return end(EvaluationStage.FAILED, "invalid request: " + errors);
    }
    try {
      runEveryCase(request);
      Workflow.await(() -> running == 0);
    } catch (CanceledFailure e) {
      return cancelled();
    } catch (ActivityFailure e) {
      if (e.getCause() instanceof CanceledFailure) {
        return cancelled();
      }
      Workflow.await(() -> running == 0);
      return end(
          EvaluationStage.FAILED, "the golden set could not be read: " + JobTexts.rootMessage(e));
    }
    stage = EvaluationStage.REPORTING;
    try {
      report = reporting.writeReport(reportRequest(request));
    } catch (ActivityFailure e) {
      return end(
          EvaluationStage.FAILED, "the report could not be written: " + JobTexts.rootMessage(e));
    }
    log.info("evaluation {}: {}", evaluationId, report.verdict());
    return end(EvaluationStage.DONE, null);
  }

  private void runEveryCase(EvaluationRequest request) {
    int limit = request.concurrencyOrDefault();
    for (int number = 1; number <= cases; number++) {
      GoldenCase golden = reading.readCase(request.goldenSet(), number);
      for (String profile : profiles) {
        Workflow.await(() -> running < limit);
        start(number, profile, golden, request.submitter());
      }
    }
  }

  /** Starts one case on one profile as a child job; its end lowers the running count. */
  private void start(int number, String profile, GoldenCase golden, String submitter) {
    String jobId = evaluationId + "-" + profile + "-" + number;
    JobWorkflow child =
        Workflow.newChildWorkflowStub(
            JobWorkflow.class, ChildWorkflowOptions.newBuilder().setWorkflowId(jobId).build());
    running++;
    Async.function(child::run, golden.jobOn(profile, evaluationId, submitter))
        .handle(
            (result, failure) -> {
              running--;
              finished(number, profile, jobId, result, failure);
              return null;
            });
  }

  private void finished(
      int number, String profile, String jobId, JobResult result, RuntimeException failure) {
    CaseRun run =
        result == null
            ? new CaseRun(
                number,
                profile,
                jobId,
                cancelledBy(failure) ? Stage.CANCELLED : Stage.FAILED,
                0,
                BigDecimal.ZERO,
                JobTexts.rootMessage(failure))
            : new CaseRun(
                number,
                profile,
                jobId,
                result.state(),
                result.qaAttempts(),
                result.costUsd(),
                result.reason());
    runs.add(run);
    done.merge(profile, 1, Integer::sum);
    if (run.state() == Stage.APPROVED) {
      approved.merge(profile, 1, Integer::sum);
    }
  }

  private ReportRequest reportRequest(EvaluationRequest request) {
    List<CaseRun> ordered = new ArrayList<>(runs);
    ordered.sort(
        Comparator.comparingInt(CaseRun::caseNumber)
            .thenComparingInt(run -> profiles.indexOf(run.profile())));
    return new ReportRequest(
        evaluationId, request.goldenSet(), profiles, request.marginOrDefault(), ordered);
  }

  /** Waits, whatever the cancellation, for the child jobs to finish cancelling, then ends. */
  private EvaluationProgress cancelled() {
    Workflow.newDetachedCancellationScope(() -> Workflow.await(() -> running == 0)).run();
    return end(EvaluationStage.CANCELLED, "cancelled with " + runs.size() + " case runs ended");
  }

  private EvaluationProgress end(EvaluationStage last, String why) {
    stage = last;
    reason = why;
    if (why != null) {
      log.info("evaluation {} ended {}: {}", evaluationId, last, why);
    }
    return progress();
  }

  @Override
  public EvaluationProgress progress() {
    return new EvaluationProgress(
        evaluationId,
        stage,
        cases,
        profiles,
        Map.copyOf(done),
        Map.copyOf(approved),
        running,
        report,
        reason);
  }

  private static boolean cancelledBy(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof CanceledFailure) {
        return true;
      }
    }
    return false;
  }
}
