package dev.conveyor.workflow;

import dev.conveyor.workflow.activity.ActivityErrors;
import dev.conveyor.workflow.activity.JobStoreActivities;
import io.temporal.activity.ActivityOptions;
import io.temporal.activity.LocalActivityOptions;
import io.temporal.common.RetryOptions;
import java.time.Duration;

/**
 * The timeouts and retries of every activity the job calls, in one place. Temporal owns the retries
 * of model calls (LangChain4j's are off); a model error that no retry can cure is not retried.
 */
final class JobActivityOptions {

  /** Model calls: retried with backoff for a few minutes, never for a permanent refusal. */
  static final RetryOptions MODEL_RETRY =
      RetryOptions.newBuilder()
          .setInitialInterval(Duration.ofSeconds(1))
          .setBackoffCoefficient(2.0)
          .setMaximumInterval(Duration.ofSeconds(30))
          .setMaximumAttempts(20)
          .setDoNotRetry(ActivityErrors.nonRetryable())
          .build();

  /** A dead worker is noticed within the heartbeat timeout, not the start-to-close timeout. */
  static final Duration MODEL_HEARTBEAT_TIMEOUT = Duration.ofSeconds(10);

  /** Retries of the quick steps: a few, quickly, never for a permanent refusal. */
  private static final RetryOptions QUICK_RETRY =
      RetryOptions.newBuilder()
          .setInitialInterval(Duration.ofMillis(500))
          .setMaximumAttempts(5)
          .setDoNotRetry(ActivityErrors.nonRetryable())
          .build();

  /**
   * Quick, local steps (the artifact store and the routing table) as activities on the task queue,
   * as histories recorded before {@link JobVersions#QUICK_STEPS_LOCAL} run them.
   */
  static final ActivityOptions LOCAL_STEP =
      ActivityOptions.newBuilder()
          .setStartToCloseTimeout(Duration.ofSeconds(30))
          .setRetryOptions(QUICK_RETRY)
          .build();

  /** The same quick steps as local activities, inside the workflow task, with the same limits. */
  static final LocalActivityOptions QUICK_STEP =
      LocalActivityOptions.newBuilder()
          .setStartToCloseTimeout(Duration.ofSeconds(30))
          .setRetryOptions(QUICK_RETRY)
          .build();

  /** Writing the prompt. */
  static final ActivityOptions PROMPT = modelCall(Duration.ofMinutes(2));

  /** Generating an output: text or an image. */
  static final ActivityOptions GENERATION = modelCall(Duration.ofMinutes(5));

  /** Judging an output. */
  static final ActivityOptions QA = modelCall(Duration.ofMinutes(2));

  /** The job store write: short, next to the worker, retried a few times, then given up. */
  static final LocalActivityOptions STORE_WRITE =
      LocalActivityOptions.newBuilder()
          .setStartToCloseTimeout(Duration.ofSeconds(10))
          .setRetryOptions(
              RetryOptions.newBuilder()
                  .setInitialInterval(Duration.ofMillis(500))
                  .setBackoffCoefficient(2.0)
                  .setMaximumAttempts(JobStoreActivities.ATTEMPTS)
                  .build())
          .build();

  /** Reading the worker's reminder settings. */
  static final LocalActivityOptions REMINDER_PLAN =
      LocalActivityOptions.newBuilder()
          .setStartToCloseTimeout(Duration.ofSeconds(5))
          .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(3).build())
          .build();

  /** Raising a reminder, which logs and counts it: quick, in the worker. */
  static final ActivityOptions REMINDER_RAISE =
      ActivityOptions.newBuilder()
          .setStartToCloseTimeout(Duration.ofSeconds(10))
          .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(3).build())
          .build();

  /** The reminder webhook: retried with backoff for about an hour, while the job keeps waiting. */
  static final ActivityOptions REMINDER_WEBHOOK =
      ActivityOptions.newBuilder()
          .setStartToCloseTimeout(Duration.ofSeconds(30))
          .setRetryOptions(
              RetryOptions.newBuilder()
                  .setInitialInterval(Duration.ofSeconds(5))
                  .setBackoffCoefficient(2.0)
                  .setMaximumInterval(Duration.ofMinutes(10))
                  .setMaximumAttempts(10)
                  .build())
          .build();

  private JobActivityOptions() {}

  private static ActivityOptions modelCall(Duration startToClose) {
    return ActivityOptions.newBuilder()
        .setStartToCloseTimeout(startToClose)
        .setHeartbeatTimeout(MODEL_HEARTBEAT_TIMEOUT)
        .setRetryOptions(MODEL_RETRY)
        .build();
  }
}
