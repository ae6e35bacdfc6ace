package dev.conveyor.workflow.model;

/**
 * One generation and its QA verdict.
 *
 * @param revision the revision, 0 for the first
 * @param attempt the attempt within the revision, from 1
 * @param output the generated output
 * @param feedback the feedback the generation was given, null for a first attempt
 * @param verdict the QA verdict, null while QA runs
 * @param generatedBy the model that generated the output
 * @param checkedBy the model or check that judged it
 */
public record AttemptRecord(
    int revision,
    int attempt,
    ArtifactRef output,
    String feedback,
    QaVerdict verdict,
    String generatedBy,
    String checkedBy) {

  /** Returns this attempt with its QA verdict. */
  public AttemptRecord judged(QaVerdict qaVerdict, String checker) {
    return new AttemptRecord(revision, attempt, output, feedback, qaVerdict, generatedBy, checker);
  }

  /** Returns a generation that QA has yet to judge. */
  public static AttemptRecord generated(
      int revision, int attempt, ArtifactRef output, String feedback, String generatedBy) {
    return new AttemptRecord(revision, attempt, output, feedback, null, generatedBy, null);
  }
}
