package dev.conveyor.starter.evaluation;

import dev.conveyor.workflow.evaluation.EvaluationReportRefs;
import dev.conveyor.workflow.model.ArtifactRef;

/** The formats of an evaluation's report. */
public enum ReportFormat {
  JSON("application/json"),
  MARKDOWN("text/markdown; charset=utf-8"),
  HTML("text/html; charset=utf-8");

  private final String contentType;

  ReportFormat(String contentType) {
    this.contentType = contentType;
  }

  /** Returns the content type the report is served with. */
  public String contentType() {
    return contentType;
  }

  /** Returns the stored report in this format. */
  ArtifactRef of(EvaluationReportRefs refs) {
    return switch (this) {
      case JSON -> refs.json();
      case MARKDOWN -> refs.markdown();
      case HTML -> refs.html();
    };
  }
}
