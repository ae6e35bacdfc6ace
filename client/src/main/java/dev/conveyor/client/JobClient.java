package dev.conveyor.client;

import dev.conveyor.workflow.DecisionRejection;
import dev.conveyor.workflow.JobSearchAttributes;
import dev.conveyor.workflow.JobWorkflow;
import dev.conveyor.workflow.model.Decision;
import dev.conveyor.workflow.model.FieldError;
import dev.conveyor.workflow.model.JobRequest;
import dev.conveyor.workflow.model.JobRequestValidator;
import dev.conveyor.workflow.model.JobResult;
import dev.conveyor.workflow.model.JobStatus;
import dev.conveyor.workflow.model.ReviewDecision;
import dev.conveyor.workflow.model.Stage;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionDescription;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowStub;
import io.temporal.failure.TemporalException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Submits Conveyor jobs and drives them: the Java client API that services use without REST. A job
 * is a {@link JobWorkflow} whose workflow id is the job id. Thread-safe.
 */
public class JobClient {

  /** Job ids are this prefix followed by the idempotency key, or by a random UUID. */
  public static final String JOB_ID_PREFIX = "job-";

  /** What an idempotency key may hold. */
  public static final Pattern IDEMPOTENCY_KEY = Pattern.compile("[A-Za-z0-9._:-]{1,200}");

  private final WorkflowClient client;
  private final String taskQueue;

  public JobClient(WorkflowClient client, String taskQueue) {
    this.client = Objects.requireNonNull(client, "client");
    this.taskQueue = Objects.requireNonNull(taskQueue, "taskQueue");
  }

  /**
   * Validates a request and starts its job. With an idempotency key, a repeat of the same request
   * returns the job the first call started, with {@code created} false, even after that job has
   * ended.
   *
   * @param idempotencyKey 1 to 200 characters of {@code A-Z a-z 0-9 . _ : -}, or null for a new job
   *     on every call
   * @throws InvalidJobRequestException when the request or the key is invalid; nothing starts
   * @throws IdempotencyKeyReusedException when the key started a job with a different request
   */
  public StartedJob start(String idempotencyKey, JobRequest request) {
    List<FieldError> errors = new ArrayList<>();
    IdempotentStart.checkKey(idempotencyKey, errors);
    errors.addAll(JobRequestValidator.validate(request));
    if (request != null && request.bundle() != null) {
      errors.add(
          new FieldError(
              "bundle", "is set by a bundle for its parts; start a bundle with BundleClient"));
    }
    if (!errors.isEmpty()) {
      throw new InvalidJobRequestException(errors);
    }
    String jobId = IdempotentStart.workflowId(JOB_ID_PREFIX, idempotencyKey);
    JobWorkflow workflow =
        client.newWorkflowStub(JobWorkflow.class, JobOptions.of(jobId, taskQueue, request));
    return IdempotentStart.start(
            client,
            jobId,
            JobOptions.fingerprint(request),
            () -> WorkflowClient.start(workflow::run, request))
        .map(existing -> new StartedJob(jobId, false, stageOf(existing)))
        .orElseGet(() -> new StartedJob(jobId, true, Stage.PROMPT));
  }

  /**
   * Returns a job's progress.
   *
   * @throws JobNotFoundException for an unknown id
   */
  public JobStatus status(String jobId) {
    return call(jobId, () -> stub(jobId).status());
  }

  /**
   * Returns a job's stage as Temporal's search attribute {@code ConveyorStage} records it: Temporal
   * answers without asking a worker, so it works while every worker is down.
   *
   * @throws JobNotFoundException for an unknown id
   */
  public Stage stage(String jobId) {
    return call(jobId, () -> stageOf(describe(jobId)));
  }

  /**
   * Returns whether Temporal knows the job's workflow, running or closed. Needs no worker.
   *
   * @throws TemporalUnavailableException when Temporal cannot be reached: that is no answer
   */
  public boolean exists(String jobId) {
    try {
      describe(jobId);
      return true;
    } catch (TemporalException e) {
      RuntimeException failure = TemporalErrors.translate(jobId, e, () -> false);
      if (failure instanceof JobNotFoundException) {
        return false;
      }
      throw failure;
    }
  }

  /**
   * Applies a reviewer's decision synchronously and returns the job's status once the job has acted
   * on it: APPROVED, REJECTED, or the new revision under way.
   *
   * @throws DecisionRejectedException when the decision is invalid, out of turn, or the job ended
   * @throws JobNotFoundException for an unknown id
   */
  public JobStatus decide(String jobId, ReviewDecision decision) {
    Optional<DecisionRejection.InvalidDecision> invalid = DecisionRejection.invalid(decision);
    if (invalid.isPresent()) {
      throw new DecisionRejectedException(
          DecisionRejectedException.Reason.INVALID,
          invalid.get().getMessage(),
          invalid.get().errors());
    }
    try {
      return call(jobId, () -> stub(jobId).decide(decision));
    } catch (JobEndedException e) {
      throw new DecisionRejectedException(
          DecisionRejectedException.Reason.JOB_ENDED, e.getMessage(), List.of());
    }
  }

  /** Sends an approval as a signal: no answer, and one out of turn is recorded as ignored. */
  public void approve(String jobId, Decision decision) {
    call(
        jobId,
        () -> {
          stub(jobId).approve(decision);
          return null;
        });
  }

  /** Sends a rejection as a signal: no answer, and one out of turn is recorded as ignored. */
  public void reject(String jobId, Decision decision) {
    call(
        jobId,
        () -> {
          stub(jobId).reject(decision);
          return null;
        });
  }

  /** Returns how a job ended, or empty while it runs. Never waits. */
  public Optional<JobResult> result(String jobId) {
    return call(
        jobId,
        () -> {
          WorkflowExecutionStatus state = describe(jobId).getStatus();
          if (state == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING) {
            return Optional.empty();
          }
          if (state == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_CANCELED) {
            // Temporal closes a cancelled workflow as cancelled whatever it returns; the job's
            // own status still tells how far it got.
            return Optional.of(JobResult.cancelled(stub(jobId).status()));
          }
          if (state != WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_COMPLETED) {
            throw new JobClientException("job " + jobId + " ended without a result: " + state);
          }
          return Optional.of(client.newUntypedWorkflowStub(jobId).getResult(JobResult.class));
        });
  }

  /**
   * Waits until the job ends and returns how it ended, CANCELLED included.
   *
   * @throws JobNotFoundException for an unknown id
   * @throws JobClientException when the workflow closed without a result, for example terminated
   */
  public JobResult awaitResult(String jobId) {
    return call(
        jobId,
        () -> {
          try {
            return client.newUntypedWorkflowStub(jobId).getResult(JobResult.class);
          } catch (WorkflowFailedException closedWithoutResult) {
            return endedResult(jobId);
          }
        });
  }

  /**
   * Waits at most {@code timeout} for the job to end and returns how it ended, or empty when it
   * still runs then.
   *
   * @throws JobNotFoundException for an unknown id
   */
  public Optional<JobResult> awaitResult(String jobId, Duration timeout) {
    return call(
        jobId,
        () -> {
          try {
            return Optional.of(
                client
                    .newUntypedWorkflowStub(jobId)
                    .getResult(timeout.toMillis(), TimeUnit.MILLISECONDS, JobResult.class));
          } catch (TimeoutException stillRunning) {
            return Optional.empty();
          } catch (WorkflowFailedException closedWithoutResult) {
            return Optional.of(endedResult(jobId));
          }
        });
  }

  private JobResult endedResult(String jobId) {
    return result(jobId)
        .orElseThrow(() -> new JobClientException("job " + jobId + " ended without a result"));
  }

  /**
   * Follows a job until it ends: polls its status every {@code pollInterval} and hands each status
   * that differs from the previous one to {@code onChange}, the first one included.
   *
   * @return the job's final status
   * @throws JobNotFoundException for an unknown id
   */
  public JobStatus watch(String jobId, Duration pollInterval, Consumer<JobStatus> onChange) {
    return watch(jobId, pollInterval, status -> false, onChange);
  }

  /**
   * Follows a job until it ends or its status satisfies {@code until}, for example until it awaits
   * a decision: polls its status every {@code pollInterval} and hands each status that differs from
   * the previous one to {@code onChange}, the first one included.
   *
   * @return the first status that is final or satisfies {@code until}
   * @throws JobNotFoundException for an unknown id
   * @throws JobClientException when the calling thread is interrupted
   */
  public JobStatus watch(
      String jobId,
      Duration pollInterval,
      Predicate<JobStatus> until,
      Consumer<JobStatus> onChange) {
    JobStatus shown = null;
    while (true) {
      JobStatus status = status(jobId);
      if (!status.equals(shown)) {
        onChange.accept(status);
        shown = status;
      }
      if (status.stage().isFinal() || until.test(status)) {
        return status;
      }
      try {
        Thread.sleep(pollInterval.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new JobClientException("interrupted while watching job " + jobId, e);
      }
    }
  }

  /**
   * Asks a job to stop; it ends CANCELLED once the workflow sees the request.
   *
   * @throws JobEndedException when the job has already ended
   */
  public void cancel(String jobId) {
    call(
        jobId,
        () -> {
          WorkflowStub workflow = client.newUntypedWorkflowStub(jobId);
          // Temporal's test server accepts a cancellation of a closed workflow; say so instead.
          if (workflow.describe().getStatus()
              != WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING) {
            throw new JobEndedException(jobId);
          }
          workflow.cancel("cancelled through Conveyor");
          return null;
        });
  }

  private JobWorkflow stub(String jobId) {
    return client.newWorkflowStub(JobWorkflow.class, jobId);
  }

  private WorkflowExecutionDescription describe(String jobId) {
    return client.newUntypedWorkflowStub(jobId).describe();
  }

  private static Stage stageOf(WorkflowExecutionDescription description) {
    String stage = description.getTypedSearchAttributes().get(JobSearchAttributes.STAGE);
    if (stage != null) {
      return Stage.valueOf(stage);
    }
    return switch (description.getStatus()) {
      case WORKFLOW_EXECUTION_STATUS_RUNNING -> Stage.PROMPT;
      case WORKFLOW_EXECUTION_STATUS_CANCELED -> Stage.CANCELLED;
      default -> Stage.FAILED;
    };
  }

  /** Runs one Temporal call and turns its errors into this package's exceptions. */
  private <T> T call(String jobId, Supplier<T> action) {
    return TemporalErrors.call(client, jobId, action);
  }
}
