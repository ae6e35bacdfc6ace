package dev.conveyor.client;

import dev.conveyor.workflow.DecisionRejection;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowUpdateException;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.TemporalException;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** The one place where Temporal's exceptions become the job and bundle clients'. */
final class TemporalErrors {

  private TemporalErrors() {}

  /**
   * Returns the client exception for a failed Temporal call about a job.
   *
   * @param ended tells, when Temporal reports the workflow missing, whether it exists but has
   *     closed, which Temporal reports the same way for updates, signals and cancellations
   */
  static RuntimeException translate(String jobId, TemporalException e, BooleanSupplier ended) {
    Status.Code code = grpcCode(e);
    if (e instanceof WorkflowNotFoundException || code == Status.Code.NOT_FOUND) {
      return ended.getAsBoolean() ? new JobEndedException(jobId) : new JobNotFoundException(jobId);
    }
    if (e instanceof WorkflowUpdateException && e.getCause() instanceof ApplicationFailure cause) {
      Class<?> rejection = DecisionRejection.typeOf(cause.getType());
      if (rejection == DecisionRejection.InvalidDecision.class) {
        return new DecisionRejectedException(
            DecisionRejectedException.Reason.INVALID, cause.getOriginalMessage(), List.of());
      }
      if (rejection == DecisionRejection.OutOfTurn.class) {
        return new DecisionRejectedException(
            DecisionRejectedException.Reason.OUT_OF_TURN, cause.getOriginalMessage(), List.of());
      }
    }
    if (code == Status.Code.UNAVAILABLE || code == Status.Code.DEADLINE_EXCEEDED) {
      return new TemporalUnavailableException(
          "Temporal is unavailable for job " + jobId + ": " + rootMessage(e), e);
    }
    return new JobClientException(
        "Temporal call for job " + jobId + " failed: " + rootMessage(e), e);
  }

  /**
   * Runs one Temporal call about a workflow (a job or a bundle) and turns its errors into this
   * package's exceptions.
   */
  static <T> T call(WorkflowClient client, String workflowId, Supplier<T> action) {
    try {
      return action.get();
    } catch (TemporalException e) {
      throw translate(workflowId, e, () -> hasEnded(client, workflowId));
    }
  }

  /** Returns whether a workflow with this id exists and is closed. */
  static boolean hasEnded(WorkflowClient client, String workflowId) {
    try {
      return client.newUntypedWorkflowStub(workflowId).describe().getStatus()
          != WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING;
    } catch (TemporalException notFound) {
      return false;
    }
  }

  private static Status.Code grpcCode(Throwable e) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof StatusRuntimeException grpc) {
        return grpc.getStatus().getCode();
      }
    }
    return null;
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null) {
      root = root.getCause();
    }
    return root.getMessage();
  }
}
