package dev.conveyor.store.testing;

import dev.conveyor.workflow.activity.BundleEvent;
import dev.conveyor.workflow.activity.BundleStoreWrite;
import dev.conveyor.workflow.activity.JobEventType;
import dev.conveyor.workflow.model.ArtifactRef;
import dev.conveyor.workflow.model.BundleDecision;
import dev.conveyor.workflow.model.BundlePart;
import dev.conveyor.workflow.model.BundleRequest;
import dev.conveyor.workflow.model.BundleStage;
import dev.conveyor.workflow.model.BundleStatus;
import dev.conveyor.workflow.model.OutputKind;
import dev.conveyor.workflow.model.PartState;
import dev.conveyor.workflow.model.PartStatus;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the writes a bundle's workflow sends to the store, for store tests: a two-part bundle (a
 * headline and a hero image) whose parts run, pass, and await one decision; each step returns the
 * next write with the bundle's whole state, as the workflow does.
 */
public final class BundleWrites {

  private final String bundleId;
  private final BundleRequest request;
  private final Instant createdAt;
  private final Map<String, PartStatus> parts = new LinkedHashMap<>();
  private final List<BundleDecision> decisions = new ArrayList<>();
  private BundleStage stage = BundleStage.RUNNING;
  private Instant now;
  private Instant awaitingSince;
  private Instant deadline;
  private String decidedBy;
  private String reason;
  private Instant finishedAt;
  private long writes;
  private long events;

  private BundleWrites(String bundleId, String submitter, List<String> tags, Instant createdAt) {
    this.bundleId = bundleId;
    this.request =
        new BundleRequest(
            List.of(part("headline", OutputKind.TEXT), part("hero", OutputKind.IMAGE)),
            2,
            2,
            Duration.ofHours(72),
            null,
            submitter,
            tags);
    this.createdAt = createdAt;
    this.now = createdAt;
    for (BundlePart part : request.parts()) {
      parts.put(part.name(), partStatus(part.name(), part.outputKind(), PartState.WAITING, 0));
    }
  }

  /** Starts a bundle of a headline and a hero image, submitted at the given time. */
  public static BundleWrites bundle(
      String bundleId, String submitter, List<String> tags, Instant at) {
    return new BundleWrites(bundleId, submitter, tags, at);
  }

  /** The first write: the request, every part running. */
  public BundleStoreWrite started() {
    parts.replaceAll((name, part) -> partStatus(name, part.outputKind(), PartState.RUNNING, 1));
    return write(
        event(JobEventType.SUBMITTED, submitterOf(), "bundle of 2 parts"),
        event(JobEventType.STAGE, null, "entered RUNNING"));
  }

  /** Every part passed QA; the bundle awaits its decision for the timeout. */
  public BundleStoreWrite awaiting(Duration timeout) {
    now = now.plusSeconds(60);
    parts.replaceAll((name, part) -> partStatus(name, part.outputKind(), PartState.PASSED, 1));
    stage = BundleStage.AWAITING_APPROVAL;
    reason = "every part passed QA and the cross-part check";
    awaitingSince = now;
    deadline = now.plus(timeout);
    return write(event(JobEventType.STAGE, null, "entered AWAITING_APPROVAL"));
  }

  /** A reviewer approved every part. */
  public BundleStoreWrite approved(String reviewer) {
    now = now.plusSeconds(60);
    decisions.add(BundleDecision.approve(reviewer, "good"));
    stage = BundleStage.APPROVED;
    reason = "approved by " + reviewer;
    decidedBy = reviewer;
    awaitingSince = null;
    deadline = null;
    finishedAt = now;
    return write(
        event(JobEventType.DECISION, reviewer, "approve: good"),
        event(JobEventType.FINISHED, reviewer, "APPROVED: " + reason));
  }

  /** Returns the bundle's status as of the last write. */
  public BundleStatus status() {
    return new BundleStatus(
        bundleId,
        stage,
        0,
        0,
        List.copyOf(parts.values()),
        BigDecimal.valueOf(parts.size() * 2L, 3),
        null,
        awaitingSince,
        deadline,
        decisions,
        decidedBy,
        reason,
        createdAt,
        now,
        finishedAt,
        request.submitter());
  }

  private BundleStoreWrite write(BundleEvent... newEvents) {
    writes++;
    return new BundleStoreWrite(
        bundleId, writes, writes == 1 ? request : null, status(), List.of(newEvents));
  }

  private BundleEvent event(JobEventType type, String actor, String detail) {
    return new BundleEvent(++events, type, now, stage, 0, actor, detail);
  }

  private String submitterOf() {
    return request.submitter();
  }

  private PartStatus partStatus(String name, OutputKind kind, PartState state, int runs) {
    boolean passed = state == PartState.PASSED;
    return new PartStatus(
        name,
        kind,
        null,
        List.of(),
        state,
        runs,
        runs == 0 ? null : bundleId + "." + name + "." + runs,
        passed ? new ArtifactRef("ab" + name, "text/plain", 12) : null,
        passed ? name + (kind == OutputKind.IMAGE ? ".png" : ".txt") : null,
        null,
        null,
        null,
        null,
        passed ? new BigDecimal("0.002") : BigDecimal.ZERO);
  }

  private static BundlePart part(String name, OutputKind kind) {
    return new BundlePart(name, List.of(), "The " + name + ".", kind, null, null, null, null);
  }
}
