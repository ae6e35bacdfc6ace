package dev.conveyor.workflow.evaluation;

import dev.conveyor.workflow.model.ArtifactRef;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/** The evaluation's activities: reading one golden case, and writing the report. */
@ActivityInterface
public interface EvaluationActivities {

  /** Returns case number {@code caseNumber} (from 1) of a stored golden set. */
  @ActivityMethod(name = "ReadGoldenCase")
  GoldenCase readCase(ArtifactRef goldenSet, int caseNumber);

  /**
   * Computes the report from the child jobs' records in the job store and stores it as JSON,
   * Markdown and HTML artifacts.
   */
  @ActivityMethod(name = "WriteEvaluationReport")
  EvaluationReportRefs writeReport(ReportRequest request);
}
