package dev.conveyor.workflow;

import dev.conveyor.workflow.activity.ArtifactActivities;
import dev.conveyor.workflow.activity.RoutingActivities;
import dev.conveyor.workflow.model.Decision;
import dev.conveyor.workflow.model.JobRequest;
import dev.conveyor.workflow.model.JobResult;
import dev.conveyor.workflow.model.JobStatus;
import dev.conveyor.workflow.model.ReviewDecision;
import dev.conveyor.workflow.model.Stage;
import io.temporal.activity.ActivityOptions;
import io.temporal.workflow.Workflow;
import java.time.Duration;

/**
 * A deliberately incompatible change of the job workflow, for the replay tests only: it stores the
 * requirements before it asks for the routes, the reverse of {@link JobWorkflowImpl}. Replaying a
 * recorded history against it must fail with a non-determinism error.
 */
public class ReorderedJobWorkflow implements JobWorkflow {

  private final ActivityOptions options =
      ActivityOptions.newBuilder().setStartToCloseTimeout(Duration.ofSeconds(30)).build();
  private final RoutingActivities routing =
      Workflow.newActivityStub(RoutingActivities.class, options);
  private final ArtifactActivities artifacts =
      Workflow.newActivityStub(ArtifactActivities.class, options);

  @Override
  public JobResult run(JobRequest request) {
    artifacts.storeText(request.requirements());
    routing.describeRoutes();
    return JobResult.endedAt(
        JobStatus.builder()
            .jobId(Workflow.getInfo().getWorkflowId())
            .stage(Stage.FAILED)
            .reason("reordered")
            .build(),
        null);
  }

  @Override
  public void approve(Decision decision) {}

  @Override
  public void reject(Decision decision) {}

  @Override
  public JobStatus decide(ReviewDecision decision) {
    return null;
  }

  @Override
  public void validateDecision(ReviewDecision decision) {}

  @Override
  public JobStatus status() {
    return null;
  }
}
