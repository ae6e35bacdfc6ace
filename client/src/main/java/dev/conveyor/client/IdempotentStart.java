package dev.conveyor.client;

import dev.conveyor.workflow.model.FieldError;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowExecutionDescription;
import io.temporal.failure.TemporalException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Starting a workflow under an idempotency key, for jobs and bundles alike: the workflow id derives
 * from the key, the request's fingerprint goes into the workflow's memo, and a second start with
 * the key answers the workflow the first one started when the fingerprints agree, or refuses the
 * key when they differ.
 */
final class IdempotentStart {

  /**
   * The memo holding the request's fingerprint, so that a repeated idempotency key can be told
   * apart from a reused one.
   */
  static final String REQUEST_FINGERPRINT = "conveyorRequestFingerprint";

  private IdempotentStart() {}

  /** Adds an error naming {@code idempotencyKey} when the key is given and malformed. */
  static void checkKey(String idempotencyKey, List<FieldError> errors) {
    if (idempotencyKey != null && !JobClient.IDEMPOTENCY_KEY.matcher(idempotencyKey).matches()) {
      errors.add(
          new FieldError(
              "idempotencyKey",
              "must be 1 to 200 characters of letters, digits, '.', '_', ':' or '-'"));
    }
  }

  /** Returns the workflow id: the prefix and the key, or a random UUID without a key. */
  static String workflowId(String prefix, String idempotencyKey) {
    return prefix + (idempotencyKey == null ? UUID.randomUUID() : idempotencyKey);
  }

  /** Returns the SHA-256 of a request's text in hex: it holds no request text. */
  static String fingerprint(String requestText) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(requestText.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from the JDK", e);
    }
  }

  /**
   * Runs the start; when the workflow id is taken already, returns the description of the workflow
   * that holds it, after checking that it was started with the same request.
   *
   * @param start starts the workflow, whose options carry the fingerprint in the memo
   * @return empty when this call started the workflow, the existing workflow otherwise
   * @throws IdempotencyKeyReusedException when the existing workflow's request was another
   */
  static Optional<WorkflowExecutionDescription> start(
      WorkflowClient client, String workflowId, String fingerprint, Runnable start) {
    try {
      start.run();
      return Optional.empty();
    } catch (WorkflowExecutionAlreadyStarted e) {
      WorkflowExecutionDescription existing =
          TemporalErrors.call(
              client, workflowId, () -> client.newUntypedWorkflowStub(workflowId).describe());
      String recorded = existing.getMemo(REQUEST_FINGERPRINT, String.class, String.class);
      // A workflow started before fingerprints were recorded has none: it is taken as the same.
      if (recorded != null && !recorded.equals(fingerprint)) {
        throw new IdempotencyKeyReusedException(workflowId);
      }
      return Optional.of(existing);
    } catch (TemporalException e) {
      throw TemporalErrors.translate(
          workflowId, e, () -> TemporalErrors.hasEnded(client, workflowId));
    }
  }
}
