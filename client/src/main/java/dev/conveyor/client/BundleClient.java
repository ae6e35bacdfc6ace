package dev.conveyor.client;

import dev.conveyor.workflow.BundleWorkflow;
import dev.conveyor.workflow.model.BundleDecision;
import dev.conveyor.workflow.model.BundleRequest;
import dev.conveyor.workflow.model.BundleRequestValidator;
import dev.conveyor.workflow.model.BundleStatus;
import dev.conveyor.workflow.model.FieldError;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Submits Conveyor bundles and drives them: a bundle is a {@link BundleWorkflow} whose workflow id
 * is the bundle id, and each of its parts a child job. Thread-safe. Errors are those of {@link
 * JobClient}: an invalid request is an {@link InvalidJobRequestException}, an unknown id a {@link
 * JobNotFoundException}, a refused decision a {@link DecisionRejectedException}.
 */
public class BundleClient {

  /** Bundle ids are this prefix followed by the idempotency key, or by a random UUID. */
  public static final String BUNDLE_ID_PREFIX = "bundle-";

  private final WorkflowClient client;
  private final String taskQueue;

  public BundleClient(WorkflowClient client, String taskQueue) {
    this.client = Objects.requireNonNull(client, "client");
    this.taskQueue = Objects.requireNonNull(taskQueue, "taskQueue");
  }

  /**
   * Validates a bundle request and starts the bundle, a new one on every call.
   *
   * @throws InvalidJobRequestException when the request is invalid, each error naming its field
   *     ({@code parts[2].uses[0]}); nothing starts
   */
  public StartedBundle start(BundleRequest request) {
    return start(null, request);
  }

  /**
   * Validates a bundle request and starts the bundle. With an idempotency key, as for a job, a
   * repeat of the same request returns the bundle the first call started, with {@code created}
   * false, even after it ended; the bundle id is {@value #BUNDLE_ID_PREFIX} and the key.
   *
   * @param idempotencyKey 1 to 200 characters of {@code A-Z a-z 0-9 . _ : -}, or null for a new
   *     bundle on every call
   * @throws InvalidJobRequestException when the request or the key is invalid; nothing starts
   * @throws IdempotencyKeyReusedException when the key started a bundle with a different request
   */
  public StartedBundle start(String idempotencyKey, BundleRequest request) {
    List<FieldError> errors = new ArrayList<>();
    IdempotentStart.checkKey(idempotencyKey, errors);
    errors.addAll(BundleRequestValidator.validate(request));
    if (!errors.isEmpty()) {
      throw new InvalidJobRequestException(errors);
    }
    String bundleId = IdempotentStart.workflowId(BUNDLE_ID_PREFIX, idempotencyKey);
    String fingerprint = fingerprint(request);
    BundleWorkflow workflow =
        client.newWorkflowStub(
            BundleWorkflow.class,
            WorkflowOptions.newBuilder()
                .setWorkflowId(bundleId)
                .setTaskQueue(taskQueue)
                // A bundle id is never reused, so its key keeps pointing at it after it ends.
                .setWorkflowIdReusePolicy(
                    WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_REJECT_DUPLICATE)
                .setMemo(Map.of(IdempotentStart.REQUEST_FINGERPRINT, fingerprint))
                .setStaticSummary(summary(request))
                .build());
    boolean created =
        IdempotentStart.start(
                client, bundleId, fingerprint, () -> WorkflowClient.start(workflow::run, request))
            .isEmpty();
    return new StartedBundle(bundleId, request.parts().size(), created);
  }

  /**
   * Returns the fingerprint of a bundle request with its defaults: equal for the same request sent
   * again, different when any part or setting differs.
   */
  static String fingerprint(BundleRequest request) {
    return IdempotentStart.fingerprint(request.withDefaults().toString());
  }

  /**
   * Returns a bundle's progress: each part's state, verdicts, output and cost.
   *
   * @throws JobNotFoundException for an unknown id
   */
  public BundleStatus status(String bundleId) {
    return call(bundleId, () -> stub(bundleId).status());
  }

  /**
   * Applies the human decision and returns the bundle's status once it acted on it: APPROVED,
   * REJECTED, or the parts sent back running again.
   *
   * @throws DecisionRejectedException when the decision is invalid, out of turn, an approval while
   *     a part has no output that passed QA, or the bundle ended
   */
  public BundleStatus decide(String bundleId, BundleDecision decision) {
    List<FieldError> errors =
        BundleRequestValidator.validate(
            decision, status(bundleId).parts().stream().map(p -> p.name()).toList());
    if (!errors.isEmpty()) {
      throw new DecisionRejectedException(
          DecisionRejectedException.Reason.INVALID, "invalid decision: " + errors, errors);
    }
    try {
      return call(bundleId, () -> stub(bundleId).decide(decision));
    } catch (JobEndedException e) {
      throw new DecisionRejectedException(
          DecisionRejectedException.Reason.JOB_ENDED, e.getMessage(), List.of());
    }
  }

  /**
   * Asks a bundle to stop; it and the jobs of its running parts end CANCELLED.
   *
   * @throws JobEndedException when the bundle has already ended
   */
  public void cancel(String bundleId) {
    call(
        bundleId,
        () -> {
          WorkflowStub workflow = client.newUntypedWorkflowStub(bundleId);
          if (workflow.describe().getStatus()
              != WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING) {
            throw new JobEndedException(bundleId);
          }
          workflow.cancel("cancelled through Conveyor");
          return null;
        });
  }

  private BundleWorkflow stub(String bundleId) {
    return client.newWorkflowStub(BundleWorkflow.class, bundleId);
  }

  /** Returns the Temporal UI's summary: the parts by name and kind, never their requirements. */
  private static String summary(BundleRequest request) {
    StringBuilder summary = new StringBuilder("bundle:");
    request
        .parts()
        .forEach(
            p ->
                summary
                    .append(' ')
                    .append(p.name())
                    .append(" (")
                    .append(p.outputKind())
                    .append(')'));
    return summary.length() > JobOptions.MAX_SUMMARY
        ? summary.substring(0, JobOptions.MAX_SUMMARY)
        : summary.toString();
  }

  private <T> T call(String bundleId, Supplier<T> action) {
    return TemporalErrors.call(client, bundleId, action);
  }
}
