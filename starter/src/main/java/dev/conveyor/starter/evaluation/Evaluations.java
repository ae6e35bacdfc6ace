package dev.conveyor.starter.evaluation;

import dev.conveyor.starter.artifact.ArtifactReader;
import dev.conveyor.starter.artifact.ArtifactWriter;
import dev.conveyor.starter.config.ConveyorTemporalProperties;
import dev.conveyor.starter.profiles.ProfileCheck;
import dev.conveyor.workflow.evaluation.EvaluationProgress;
import dev.conveyor.workflow.evaluation.EvaluationRequest;
import dev.conveyor.workflow.evaluation.EvaluationRequestValidator;
import dev.conveyor.workflow.evaluation.EvaluationStage;
import dev.conveyor.workflow.evaluation.EvaluationWorkflow;
import dev.conveyor.workflow.evaluation.GoldenCase;
import dev.conveyor.workflow.evaluation.GoldenSetException;
import dev.conveyor.workflow.evaluation.GoldenSets;
import dev.conveyor.workflow.model.ArtifactRef;
import dev.conveyor.workflow.model.FieldError;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;

/**
 * Starts and reads evaluations. A golden set is checked line by line and every profile against the
 * ones the workers recorded before anything is stored; then the set goes to the artifact store and
 * the workflow gets its reference.
 */
@Component
public class Evaluations {

  /** The content type golden sets are stored with. */
  public static final String JSONL = "application/jsonl";

  private final WorkflowClient client;
  private final String taskQueue;
  private final ArtifactWriter writer;
  private final ArtifactReader reader;
  private final ProfileCheck profiles;

  Evaluations(
      WorkflowClient client,
      ConveyorTemporalProperties temporal,
      ArtifactReader reader,
      ProfileCheck profiles) {
    this.client = client;
    this.taskQueue = temporal.taskQueue();
    // Both artifact readers, the folder's and the bucket's, also store uploads.
    this.writer = (ArtifactWriter) reader;
    this.reader = reader;
    this.profiles = profiles;
  }

  /**
   * Checks and stores the golden set and starts the evaluation.
   *
   * @throws InvalidEvaluationException naming the field (and for the set, the line) when the input
   *     is invalid; nothing is stored then
   */
  public StartedEvaluation start(
      String goldenSet,
      List<String> profileNames,
      Integer concurrency,
      Double margin,
      String submitter) {
    List<FieldError> errors = new ArrayList<>();
    List<GoldenCase> cases = List.of();
    try {
      cases = GoldenSets.parse(goldenSet == null ? "" : goldenSet);
    } catch (GoldenSetException e) {
      errors.add(new FieldError("goldenSet", e.getMessage()));
    }
    List<String> names = profileNames == null ? List.of() : profileNames;
    EvaluationRequest check =
        new EvaluationRequest(
            new ArtifactRef("0".repeat(64), JSONL, 0),
            Math.max(1, cases.size()),
            names,
            concurrency,
            margin,
            submitter);
    errors.addAll(EvaluationRequestValidator.validate(check));
    for (int i = 0; i < names.size(); i++) {
      FieldError unknown = profiles.unknown("profiles[" + i + "]", names.get(i));
      if (unknown != null && errors.stream().noneMatch(e -> e.field().equals(unknown.field()))) {
        errors.add(unknown);
      }
    }
    if (!errors.isEmpty()) {
      throw new InvalidEvaluationException(errors);
    }
    ArtifactRef stored = writer.write(goldenSet.getBytes(StandardCharsets.UTF_8), JSONL);
    String evaluationId = "eval-" + UUID.randomUUID();
    EvaluationWorkflow workflow =
        client.newWorkflowStub(
            EvaluationWorkflow.class,
            WorkflowOptions.newBuilder()
                .setWorkflowId(evaluationId)
                .setTaskQueue(taskQueue)
                .build());
    WorkflowClient.start(
        workflow::run,
        new EvaluationRequest(stored, cases.size(), names, concurrency, margin, submitter));
    return new StartedEvaluation(evaluationId, cases.size(), names);
  }

  /** Returns an evaluation's progress, with its report's references once written. */
  public EvaluationProgress progress(String evaluationId) {
    try {
      return client.newWorkflowStub(EvaluationWorkflow.class, evaluationId).progress();
    } catch (WorkflowNotFoundException e) {
      throw notFound(evaluationId);
    } catch (io.temporal.client.WorkflowServiceException e) {
      if (e.getCause() instanceof WorkflowNotFoundException
          || String.valueOf(e.getMessage()).contains("NOT_FOUND")) {
        throw notFound(evaluationId);
      }
      throw e;
    }
  }

  /**
   * Returns an evaluation's report in a format.
   *
   * @throws ResponseStatusException 409 while the report is not written yet
   */
  public byte[] report(String evaluationId, ReportFormat format) {
    EvaluationProgress progress = progress(evaluationId);
    if (progress.report() == null) {
      throw new ResponseStatusException(
          HttpStatus.CONFLICT,
          "evaluation " + evaluationId + " has no report: it is " + progress.stage());
    }
    return reader.read(format.of(progress.report()));
  }

  /** Cancels an evaluation and its running jobs; an ended one is refused with 409. */
  public void cancel(String evaluationId) {
    EvaluationProgress progress = progress(evaluationId);
    if (progress.stage() != EvaluationStage.RUNNING) {
      throw new ResponseStatusException(
          HttpStatus.CONFLICT,
          "evaluation "
              + evaluationId
              + " is "
              + progress.stage()
              + ": there is nothing to cancel");
    }
    WorkflowStub.fromTyped(client.newWorkflowStub(EvaluationWorkflow.class, evaluationId)).cancel();
  }

  private static ResponseStatusException notFound(String evaluationId) {
    return new ResponseStatusException(
        HttpStatus.NOT_FOUND, "no evaluation " + evaluationId + " is known");
  }
}
