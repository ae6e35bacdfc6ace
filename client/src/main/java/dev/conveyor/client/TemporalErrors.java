package dev.conveyor.client;

import dev.conveyor.workflow.DecisionRejection;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowUpdateException;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.TemporalException;
import java.util.List;
import java.util.function.BooleanSupplier;

/** The one place where Temporal's exceptions become the job client's. */
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
