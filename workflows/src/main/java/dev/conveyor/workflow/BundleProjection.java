package dev.conveyor.workflow;

import dev.conveyor.workflow.activity.BundleEvent;
import dev.conveyor.workflow.activity.BundleStoreWrite;
import dev.conveyor.workflow.activity.JobEventType;
import dev.conveyor.workflow.activity.JobStoreActivities;
import dev.conveyor.workflow.model.BundleDecision;
import dev.conveyor.workflow.model.BundleRequest;
import dev.conveyor.workflow.model.BundleStage;
import dev.conveyor.workflow.model.BundleStatus;
import dev.conveyor.workflow.model.PartRejection;
import dev.conveyor.workflow.model.PartStatus;
import io.temporal.workflow.Workflow;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The bundle's projection into the job store, as {@link JobProjection} is the job's: at each stage
 * change, each change of a part (started, passed, failed, blocked) and at the end, one local
 * activity writes the bundle's whole state and the events since the last write that succeeded. A
 * write that fails after its retries is logged and the bundle carries on; the next write heals its
 * row and carries the events not stored yet.
 *
 * <p>Version {@value JobVersions#BUNDLE_STORE_PROJECTION} 1 turns it on; it is read once at the
 * start of a run, so bundle histories recorded before it replay without any write.
 */
final class BundleProjection {

  private final boolean enabled;
  private final BundleState bundle;
  private final JobStoreActivities store;
  private final List<BundleEvent> unsent = new ArrayList<>();
  private final Map<String, String> partsSeen = new HashMap<>();
  private BundleRequest request;
  private boolean requestStored;
  private boolean submitted;
  private BundleStage stageSeen;
  private int decisionsSeen;
  private long writes;
  private long events;

  private BundleProjection(boolean enabled, BundleState bundle) {
    this.enabled = enabled;
    this.bundle = bundle;
    this.store =
        enabled
            ? Workflow.newLocalActivityStub(
                JobStoreActivities.class, JobActivityOptions.STORE_WRITE)
            : null;
  }

  /** Returns the projection of the running bundle; reads its version once. */
  static BundleProjection start(BundleState bundle) {
    return new BundleProjection(JobVersions.projectsBundleIntoStore(), bundle);
  }

  /**
   * Sets the request the store keeps: with its defaults when it is valid, as received otherwise.
   */
  void request(BundleRequest stored) {
    request = stored;
  }

  /** Writes the bundle's state with the events of what changed since the last write. */
  void changed() {
    write(null);
  }

  /** Writes the bundle's end, decided by a reviewer, {@code timeout} or nobody (null). */
  void finished(String decidedBy) {
    write(decidedBy);
  }

  private void write(String decidedBy) {
    if (!enabled) {
      return;
    }
    BundleStatus status = bundle.status();
    Instant now = Instant.ofEpochMilli(Workflow.currentTimeMillis());
    collectNewEvents(status, now);
    if (status.stage().isFinal()) {
      unsent.add(
          event(
              JobEventType.FINISHED,
              now,
              status,
              decidedBy,
              status.stage() + ": " + status.reason()));
    }
    BundleStoreWrite write =
        new BundleStoreWrite(
            bundle.bundleId(), ++writes, requestStored ? null : request, status, unsent);
    if (JobProjection.written(
        "bundle", bundle.bundleId(), write.sequence(), () -> store.projectBundle(write))) {
      unsent.clear();
      requestStored = true;
    }
  }

  /** Turns what changed since the last write into events: submission, decisions, parts, stage. */
  private void collectNewEvents(BundleStatus status, Instant now) {
    if (!submitted) {
      submitted = true;
      String detail =
          "bundle of "
              + status.parts().size()
              + " parts"
              + (request == null || request.tags() == null || request.tags().isEmpty()
                  ? ""
                  : " tagged " + String.join(", ", request.tags()));
      unsent.add(
          new BundleEvent(
              ++events,
              JobEventType.SUBMITTED,
              status.createdAt() == null ? now : status.createdAt(),
              BundleStage.RUNNING,
              0,
              status.submitter(),
              detail));
    }
    List<BundleDecision> decisions = status.decisions();
    for (BundleDecision decision :
        decisions.subList(Math.min(decisionsSeen, decisions.size()), decisions.size())) {
      unsent.add(
          event(JobEventType.DECISION, now, status, decision.reviewer(), describe(decision)));
    }
    decisionsSeen = decisions.size();
    for (PartStatus part : status.parts()) {
      String seen = part.state() + " " + part.runs();
      if (seen.equals(partsSeen.put(part.name(), seen))) {
        continue;
      }
      String detail =
          "part "
              + part.name()
              + " "
              + part.state()
              + (part.runs() == 0 ? "" : " · run " + part.runs() + " · job " + part.jobId())
              + (part.reason() == null ? "" : ": " + part.reason());
      unsent.add(event(JobEventType.PART, now, status, null, detail));
    }
    if (status.stage() != stageSeen && !status.stage().isFinal()) {
      String detail = "entered " + status.stage();
      if (status.stage() == BundleStage.AWAITING_APPROVAL) {
        detail += " · " + status.reason() + ", deadline " + status.deadline();
      }
      unsent.add(event(JobEventType.STAGE, now, status, null, detail));
    }
    stageSeen = status.stage();
  }

  private BundleEvent event(
      JobEventType type, Instant at, BundleStatus status, String actor, String detail) {
    return new BundleEvent(++events, type, at, status.stage(), status.revision(), actor, detail);
  }

  /** Returns a decision in words: approve, reject, or the parts sent back with their comments. */
  private static String describe(BundleDecision decision) {
    if (decision.sendsPartsBack()) {
      List<String> parts = new ArrayList<>();
      for (PartRejection rejection : decision.parts()) {
        parts.add(rejection.part() + " (" + rejection.comment() + ")");
      }
      return "send back " + String.join(", ", parts);
    }
    String comment = decision.comment();
    return decision.action().name().toLowerCase(Locale.ROOT)
        + (comment == null || comment.isBlank() ? "" : ": " + comment);
  }
}
