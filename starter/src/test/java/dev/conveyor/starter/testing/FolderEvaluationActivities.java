package dev.conveyor.starter.testing;

import dev.conveyor.starter.artifact.FolderArtifactReader;
import dev.conveyor.workflow.evaluation.EvaluationActivities;
import dev.conveyor.workflow.evaluation.EvaluationReportRefs;
import dev.conveyor.workflow.evaluation.GoldenCase;
import dev.conveyor.workflow.evaluation.GoldenSets;
import dev.conveyor.workflow.evaluation.ReportRequest;
import dev.conveyor.workflow.model.ArtifactRef;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The evaluation's activities for the starter's tests: golden cases are read from the artifact
 * folder the starter wrote them to, and the report lists each case run in every format, so a test
 * can see which runs the workflow reported. The real report is the activities module's.
 */
public class FolderEvaluationActivities implements EvaluationActivities {

  private final FolderArtifactReader folder;

  public FolderEvaluationActivities(Path dir) {
    this.folder = new FolderArtifactReader(dir);
  }

  @Override
  public GoldenCase readCase(ArtifactRef goldenSet, int caseNumber) {
    List<GoldenCase> cases =
        GoldenSets.parse(new String(folder.read(goldenSet), StandardCharsets.UTF_8));
    return cases.get(caseNumber - 1);
  }

  @Override
  public EvaluationReportRefs writeReport(ReportRequest request) {
    String runs =
        request.runs().stream()
            .map(run -> run.jobId() + " " + run.state())
            .collect(Collectors.joining("\n"));
    String verdict = request.profiles().get(0) + ": scripted verdict";
    return new EvaluationReportRefs(
        write("{\"verdict\":\"" + verdict + "\"}", "application/json"),
        write("# Evaluation\n\n" + runs + "\n", "text/markdown; charset=utf-8"),
        write("<html><body><svg></svg><pre>" + runs + "</pre></body></html>", "text/html"),
        verdict);
  }

  private ArtifactRef write(String text, String contentType) {
    return folder.write(text.getBytes(StandardCharsets.UTF_8), contentType);
  }
}
