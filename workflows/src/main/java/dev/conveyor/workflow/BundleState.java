package dev.conveyor.workflow;

import dev.conveyor.workflow.model.ArtifactRef;
import dev.conveyor.workflow.model.BundleDecision;
import dev.conveyor.workflow.model.BundlePart;
import dev.conveyor.workflow.model.BundleRequest;
import dev.conveyor.workflow.model.BundleStage;
import dev.conveyor.workflow.model.BundleStatus;
import dev.conveyor.workflow.model.CodeLanguage;
import dev.conveyor.workflow.model.JobResult;
import dev.conveyor.workflow.model.OutputKind;
import dev.conveyor.workflow.model.PartState;
import dev.conveyor.workflow.model.PartStatus;
import dev.conveyor.workflow.model.QaVerdict;
import dev.conveyor.workflow.model.Stage;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * A bundle's state in one object: its parts, what each produced and spent, the decision it awaits
 * and the decisions it received. Plain Java: the workflow hands it its clock.
 */
final class BundleState {

  private final String bundleId;
  private final Supplier<Instant> clock;
  private final Map<String, Part> parts = new LinkedHashMap<>();
  private final List<BundleDecision> decisions = new ArrayList<>();
  private BundleRequest request;
  private BundleStage stage = BundleStage.RUNNING;
  private int revision;
  private int consistencyRuns;
  private BigDecimal checksCost = BigDecimal.ZERO;
  private BundleDecision pending;
  private Instant awaitingSince;
  private Instant deadline;
  private String decidedBy;
  private String reason;
  private Instant createdAt;
  private Instant updatedAt;
  private Instant finishedAt;

  BundleState(String bundleId, Supplier<Instant> clock) {
    this.bundleId = bundleId;
    this.clock = clock;
  }

  /** Records the start of the bundle, before its request is checked. */
  void started() {
    createdAt = clock.get();
    updatedAt = createdAt;
  }

  /** Takes the checked request, with its defaults; every part waits to run. */
  void accept(BundleRequest valid) {
    request = valid;
    for (BundlePart part : valid.parts()) {
      parts.put(part.name(), new Part(part));
    }
  }

  BundleRequest request() {
    return request;
  }

  String bundleId() {
    return bundleId;
  }

  BundleStage stage() {
    return stage;
  }

  int revision() {
    return revision;
  }

  List<Part> parts() {
    return List.copyOf(parts.values());
  }

  Part part(String name) {
    return parts.get(name);
  }

  /** Returns the names of the parts, in the request's order. */
  List<String> names() {
    return List.copyOf(parts.keySet());
  }

  /** Moves to a working stage. */
  void enter(BundleStage next) {
    stage = next;
    touch();
  }

  void touch() {
    updatedAt = clock.get();
  }

  /**
   * Sends parts back with their feedback: each, and every part that uses it (directly or not),
   * waits to run again.
   */
  void sendBack(Map<String, String> feedback) {
    Set<String> again = new LinkedHashSet<>(feedback.keySet());
    boolean grown = true;
    while (grown) {
      grown = false;
      for (Part part : parts.values()) {
        if (!again.contains(part.name()) && part.spec.uses().stream().anyMatch(again::contains)) {
          again.add(part.name());
          grown = true;
        }
      }
    }
    for (String name : again) {
      parts.get(name).waitAgain(feedback.get(name));
    }
    touch();
  }

  /** Returns why the bundle cannot be approved as it is, null when every part passed. */
  String whyNotComplete() {
    List<String> missing = new ArrayList<>();
    for (Part part : parts.values()) {
      if (part.state != PartState.PASSED) {
        missing.add(
            part.name() + " " + part.state + (part.reason == null ? "" : ": " + part.reason));
      }
    }
    return missing.isEmpty() ? null : "parts without an output that passed QA: " + missing;
  }

  /**
   * Returns what the next part to start may spend: what is left of the budget, less what running
   * parts may still spend, shared between the parts still waiting; null for no budget.
   */
  BigDecimal allotment() {
    BigDecimal budget = request.budgetUsd();
    if (budget == null) {
      return null;
    }
    BigDecimal free = budget.subtract(costUsd());
    long waiting = 0;
    for (Part part : parts.values()) {
      if (part.state == PartState.RUNNING) {
        free = free.subtract(part.allotted);
      } else if (part.state == PartState.WAITING) {
        waiting++;
      }
    }
    if (free.signum() <= 0 || waiting == 0) {
      return BigDecimal.ZERO;
    }
    return free.divide(BigDecimal.valueOf(waiting), 6, RoundingMode.DOWN);
  }

  /** Adds the cost of a cross-part check. */
  void checked(BigDecimal cost) {
    consistencyRuns++;
    checksCost = checksCost.add(cost);
    touch();
  }

  /** Returns why the bundle awaits a decision or ended as it did, null while it works. */
  String reason() {
    return reason;
  }

  int consistencyRuns() {
    return consistencyRuns;
  }

  /** Starts waiting for the human decision, from now until the approval timeout. */
  void awaitDecision(String why) {
    stage = BundleStage.AWAITING_APPROVAL;
    reason = why;
    awaitingSince = clock.get();
    deadline = awaitingSince.plus(request.approvalTimeout());
    updatedAt = awaitingSince;
  }

  /** Takes a decision the update validator accepted. */
  void receive(BundleDecision decision) {
    pending = decision;
    decisions.add(decision);
  }

  BundleDecision pending() {
    return pending;
  }

  /** Returns the decision received and stops waiting; the bundle acts on it next. */
  BundleDecision takeDecision() {
    BundleDecision taken = pending;
    pending = null;
    awaitingSince = null;
    deadline = null;
    stage = BundleStage.RUNNING;
    touch();
    return taken;
  }

  void nextRevision() {
    revision++;
  }

  /** Ends the bundle in a final state and returns its status then. */
  BundleStatus end(BundleStage state, String why, String decider) {
    stage = state;
    reason = why;
    decidedBy = decider;
    pending = null;
    awaitingSince = null;
    deadline = null;
    finishedAt = clock.get();
    updatedAt = finishedAt;
    return status();
  }

  /** Returns what every part and every cross-part check spent. */
  BigDecimal costUsd() {
    BigDecimal total = checksCost;
    for (Part part : parts.values()) {
      total = total.add(part.cost);
    }
    return total;
  }

  BundleStatus status() {
    return new BundleStatus(
        bundleId,
        stage,
        revision,
        consistencyRuns,
        parts.values().stream().map(Part::status).toList(),
        costUsd(),
        request == null ? null : request.budgetUsd(),
        awaitingSince,
        deadline,
        decisions,
        decidedBy,
        reason,
        createdAt,
        updatedAt,
        finishedAt,
        request == null ? null : request.submitter());
  }

  /** One part: its request and what its jobs did. */
  static final class Part {
    private final BundlePart spec;
    private PartState state = PartState.WAITING;
    private int runs;
    private String jobId;
    private ArtifactRef output;
    private String fileName;
    private QaVerdict verdict;
    private QaVerdict consistency;
    private String feedback;
    private String reason;
    private BigDecimal cost = BigDecimal.ZERO;
    private BigDecimal allotted = BigDecimal.ZERO;

    Part(BundlePart spec) {
      this.spec = spec;
    }

    String name() {
      return spec.name();
    }

    BundlePart spec() {
      return spec;
    }

    PartState state() {
      return state;
    }

    int runs() {
      return runs;
    }

    ArtifactRef output() {
      return output;
    }

    String fileName() {
      return fileName;
    }

    String feedback() {
      return feedback;
    }

    /** Starts the part's next job, which may spend the allotment (null: no limit). */
    void running(String childId, BigDecimal allotment) {
      runs++;
      jobId = childId;
      state = PartState.RUNNING;
      allotted = allotment == null ? BigDecimal.ZERO : allotment;
      reason = null;
    }

    /** Takes how the part's job ended: PASSED when it delivered, FAILED otherwise. */
    void finished(JobResult result) {
      cost = cost.add(result.costUsd());
      allotted = BigDecimal.ZERO;
      if (result.output() != null) {
        output = result.output();
        fileName = fileNameOf(spec, output);
      }
      verdict = result.verdict();
      boolean delivered = result.state() == Stage.DELIVERED;
      state = delivered ? PartState.PASSED : PartState.FAILED;
      reason = delivered ? null : result.reason();
    }

    /** Ends the part without an output that passed QA. */
    void fail(PartState end, String why) {
      state = end;
      allotted = BigDecimal.ZERO;
      reason = why;
    }

    void consistency(QaVerdict checked) {
      consistency = checked;
    }

    void waitAgain(String newFeedback) {
      state = PartState.WAITING;
      consistency = null;
      feedback = newFeedback;
    }

    PartStatus status() {
      return new PartStatus(
          spec.name(),
          spec.outputKind(),
          spec.language(),
          spec.uses(),
          state,
          runs,
          jobId,
          output,
          fileName,
          verdict,
          consistency,
          feedback,
          reason,
          cost);
    }
  }

  /**
   * Returns a part's file name in the bundle: its name with the extension of its output, for
   * example {@code hero.png}, {@code headline.txt} or {@code landing.html}.
   */
  static String fileNameOf(BundlePart part, ArtifactRef output) {
    return part.name() + "." + extensionOf(part, output);
  }

  private static String extensionOf(BundlePart part, ArtifactRef output) {
    if (part.outputKind() == OutputKind.CODE) {
      CodeLanguage language = CodeLanguage.of(part.language());
      return language == null ? "txt" : language.fileExtension();
    }
    if (part.outputKind() == OutputKind.IMAGE) {
      String type = output.contentType() == null ? "" : output.contentType();
      return switch (type.replaceFirst(";.*", "").strip()) {
        case "image/jpeg" -> "jpg";
        case "image/webp" -> "webp";
        case "image/gif" -> "gif";
        default -> "png";
      };
    }
    return "txt";
  }
}
