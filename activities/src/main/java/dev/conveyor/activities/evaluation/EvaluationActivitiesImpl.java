package dev.conveyor.activities.evaluation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.conveyor.activities.artifact.ArtifactStore;
import dev.conveyor.store.JobDetail;
import dev.conveyor.store.JobQueries;
import dev.conveyor.workflow.evaluation.CaseRun;
import dev.conveyor.workflow.evaluation.EvaluationActivities;
import dev.conveyor.workflow.evaluation.EvaluationReportRefs;
import dev.conveyor.workflow.evaluation.GoldenCase;
import dev.conveyor.workflow.evaluation.GoldenSetException;
import dev.conveyor.workflow.evaluation.GoldenSets;
import dev.conveyor.workflow.evaluation.ReportRequest;
import dev.conveyor.workflow.model.ArtifactRef;
import dev.conveyor.workflow.model.AttemptRecord;
import dev.conveyor.workflow.model.ModelCall;
import dev.conveyor.workflow.model.Step;
import io.temporal.common.converter.JacksonJsonPayloadConverter;
import io.temporal.failure.ApplicationFailure;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Reads golden cases from the artifact store, and writes the report: each child job's attempts and
 * calls come from the job store, the figures from {@link EvaluationReports}, and the three formats
 * go to the artifact store. Both are idempotent: the same input stores the same artifacts.
 */
public class EvaluationActivitiesImpl implements EvaluationActivities {

  /** The failure type of a golden set that cannot be read; no retry can cure it. */
  public static final String GOLDEN_SET_INVALID = "GoldenSetInvalid";

  private final ArtifactStore artifacts;
  private final JobQueries jobs;
  private final ObjectMapper json =
      JacksonJsonPayloadConverter.newDefaultObjectMapper()
          .enable(SerializationFeature.INDENT_OUTPUT);

  public EvaluationActivitiesImpl(ArtifactStore artifacts, JobQueries jobs) {
    this.artifacts = artifacts;
    this.jobs = jobs;
  }

  @Override
  public GoldenCase readCase(ArtifactRef goldenSet, int caseNumber) {
    List<GoldenCase> cases = cases(goldenSet);
    if (caseNumber < 1 || caseNumber > cases.size()) {
      throw ApplicationFailure.newNonRetryableFailure(
          "the golden set holds " + cases.size() + " cases, not " + caseNumber, GOLDEN_SET_INVALID);
    }
    return cases.get(caseNumber - 1);
  }

  @Override
  public EvaluationReportRefs writeReport(ReportRequest request) {
    List<GoldenCase> cases = cases(request.goldenSet());
    List<CaseResult> results = new ArrayList<>();
    for (CaseRun run : request.runs()) {
      results.add(result(run, cases.get(run.caseNumber() - 1)));
    }
    EvaluationReport report =
        EvaluationReports.compute(
            request.evaluationId(), request.marginPoints(), request.profiles(), results);
    return new EvaluationReportRefs(
        artifacts.put(toJson(report), "application/json"),
        artifacts.put(bytes(ReportMarkdown.render(report)), "text/markdown; charset=utf-8"),
        artifacts.put(bytes(ReportHtml.render(report)), "text/html; charset=utf-8"),
        report.verdict());
  }

  /** Returns a case's result from its job's record; a job not yet in the store is retried. */
  private CaseResult result(CaseRun run, GoldenCase golden) {
    JobDetail job =
        jobs.find(run.jobId())
            .orElseThrow(
                () ->
                    ApplicationFailure.newFailure(
                        "job " + run.jobId() + " is not in the job store yet", "JobNotStored"));
    List<AttemptRecord> judged =
        job.attempts().stream()
            .filter(a -> a.verdict() != null)
            .sorted(
                Comparator.comparingInt(AttemptRecord::revision)
                    .thenComparingInt(AttemptRecord::attempt))
            .toList();
    Map<Step, List<Long>> latencies = new EnumMap<>(Step.class);
    int fallbacks = 0;
    for (ModelCall call : job.calls()) {
      latencies.computeIfAbsent(call.step(), step -> new ArrayList<>()).add(call.latencyMs());
      fallbacks += call.fallbacks().size();
    }
    return new CaseResult(
        run.caseNumber(),
        run.profile(),
        run.jobId(),
        run.state(),
        golden.expected(),
        golden.notes(),
        judged.stream().map(a -> a.verdict().score()).toList(),
        judged.stream().map(a -> a.verdict().passed()).toList(),
        job.summary().costUsd(),
        latencies,
        fallbacks);
  }

  private List<GoldenCase> cases(ArtifactRef goldenSet) {
    try {
      return GoldenSets.parse(new String(artifacts.read(goldenSet), StandardCharsets.UTF_8));
    } catch (GoldenSetException e) {
      throw ApplicationFailure.newNonRetryableFailure(e.getMessage(), GOLDEN_SET_INVALID);
    }
  }

  private byte[] toJson(EvaluationReport report) {
    try {
      return json.writeValueAsBytes(report);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write the report as JSON", e);
    }
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
