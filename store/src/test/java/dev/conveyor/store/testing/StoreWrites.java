package dev.conveyor.store.testing;

import dev.conveyor.workflow.activity.JobEvent;
import dev.conveyor.workflow.activity.JobEventType;
import dev.conveyor.workflow.activity.JobStoreWrite;
import dev.conveyor.workflow.model.ApprovalReason;
import dev.conveyor.workflow.model.ArtifactRef;
import dev.conveyor.workflow.model.AttemptRecord;
import dev.conveyor.workflow.model.AwaitingApproval;
import dev.conveyor.workflow.model.BundleContext;
import dev.conveyor.workflow.model.DecisionAction;
import dev.conveyor.workflow.model.DecisionRecord;
import dev.conveyor.workflow.model.JobRequest;
import dev.conveyor.workflow.model.JobStatus;
import dev.conveyor.workflow.model.ModelCall;
import dev.conveyor.workflow.model.OutputKind;
import dev.conveyor.workflow.model.QaVerdict;
import dev.conveyor.workflow.model.Stage;
import dev.conveyor.workflow.model.Step;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds the writes a job's workflow sends to the store, for store tests: a job moves through
 * stages; each step returns the next write with the job's whole state, as the workflow does.
 */
public final class StoreWrites {

  private final String jobId;
  private final JobRequest request;
  private final Instant createdAt;
  private final List<ModelCall> calls = new ArrayList<>();
  private final List<AttemptRecord> attempts = new ArrayList<>();
  private final List<DecisionRecord> decisions = new ArrayList<>();
  private Stage stage = Stage.PROMPT;
  private int attempt;
  private Instant now;
  private AwaitingApproval awaiting;
  private ArtifactRef output;
  private String reason;
  private Instant finishedAt;
  private long writes;
  private long events;

  private StoreWrites(String jobId, JobRequest request, Instant createdAt) {
    this.jobId = jobId;
    this.request = request;
    this.createdAt = createdAt;
    this.now = createdAt;
  }

  /** Starts a text job submitted at the given time. */
  public static StoreWrites job(String jobId, String submitter, List<String> tags, Instant at) {
    JobRequest request =
        JobRequest.builder("A haiku about " + jobId, OutputKind.TEXT)
            .submitter(submitter)
            .tags(tags)
            .build()
            .withDefaults();
    return new StoreWrites(jobId, request, at);
  }

  /** Starts the text job of a bundle's part, submitted at the given time. */
  public static StoreWrites part(String bundleId, String part, Instant at) {
    JobRequest request =
        JobRequest.builder("The " + part + " of " + bundleId, OutputKind.TEXT)
            .submitter("shop")
            .bundle(new BundleContext(bundleId, part, List.of(), List.of(), null))
            .build()
            .withDefaults();
    return new StoreWrites(bundleId + "." + part + ".1", request, at);
  }

  /** The job enters PROMPT and writes its prompt. */
  public JobStoreWrite submitted() {
    calls.add(call(Step.PROMPT));
    return write(
        event(JobEventType.SUBMITTED, null, "TEXT job"), event(JobEventType.STAGE, null, "PROMPT"));
  }

  /** One generation and its QA verdict. */
  public JobStoreWrite generated(boolean passed) {
    attempt++;
    now = now.plusSeconds(10);
    stage = Stage.QA;
    output = artifact("output " + attempt);
    calls.add(call(Step.TEXT_GENERATION));
    calls.add(call(Step.TEXT_QA));
    QaVerdict verdict =
        new QaVerdict(passed, passed ? 0.9 : 0.3, passed ? List.of() : List.of("too long"), "ok");
    attempts.add(
        new AttemptRecord(0, attempt, output, null, verdict, "offline/writer", "offline/judge"));
    return write(
        event(JobEventType.MODEL_CALL, null, "generation"),
        event(JobEventType.QA_VERDICT, "offline/judge", passed ? "passed" : "failed"));
  }

  /** The job waits for a reviewer. */
  public JobStoreWrite awaiting(Duration timeout) {
    now = now.plusSeconds(1);
    stage = Stage.AWAITING_APPROVAL;
    awaiting = new AwaitingApproval(ApprovalReason.POLICY, 0, true, now, now.plus(timeout), null);
    return write(event(JobEventType.STAGE, null, "AWAITING_APPROVAL"));
  }

  /** A reviewer approves and the job ends APPROVED. */
  public JobStoreWrite approved(String reviewer, String comment) {
    now = now.plusSeconds(60);
    decisions.add(
        new DecisionRecord(
            DecisionAction.APPROVE, reviewer, comment, false, 0, "signal", true, null, now));
    stage = Stage.APPROVED;
    awaiting = null;
    reason = "approved by " + reviewer;
    finishedAt = now;
    return write(
        event(JobEventType.DECISION, reviewer, "approve via signal: " + comment),
        event(JobEventType.FINISHED, reviewer, "APPROVED"));
  }

  /** Returns the job's status as the next write would carry it. */
  public JobStatus status() {
    BigDecimal cost =
        calls.stream().map(ModelCall::costUsd).reduce(BigDecimal.ZERO, BigDecimal::add);
    return JobStatus.builder()
        .jobId(jobId)
        .outputKind(OutputKind.TEXT)
        .stage(stage)
        .attempt(attempt)
        .prompt(artifact("prompt"))
        .output(output)
        .attempts(List.copyOf(attempts))
        .calls(List.copyOf(calls))
        .inputTokens(calls.size() * 100L)
        .outputTokens(calls.size() * 50L)
        .costUsd(cost)
        .awaiting(awaiting)
        .decisions(List.copyOf(decisions))
        .reason(reason)
        .createdAt(createdAt)
        .updatedAt(now)
        .finishedAt(finishedAt)
        .build();
  }

  private JobStoreWrite write(JobEvent... newEvents) {
    // As the workflow does: the request goes with the first write only.
    JobStoreWrite write =
        new JobStoreWrite(
            jobId, writes + 1, writes == 0 ? request : null, status(), List.of(newEvents));
    writes++;
    return write;
  }

  private JobEvent event(JobEventType type, String actor, String detail) {
    return new JobEvent(++events, type, now, stage, 0, attempt, actor, detail);
  }

  private static ModelCall call(Step step) {
    return new ModelCall(
        step,
        "offline",
        step.name().toLowerCase(),
        100,
        50,
        new BigDecimal("0.0015"),
        12,
        List.of("openai/gpt-4o: rejected (401 authentication)"));
  }

  private static ArtifactRef artifact(String content) {
    String sha = String.format("%064x", new java.math.BigInteger(1, content.getBytes()));
    return new ArtifactRef(sha.substring(sha.length() - 64), "text/plain; charset=utf-8", 42);
  }
}
