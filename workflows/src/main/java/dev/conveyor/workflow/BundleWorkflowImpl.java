package dev.conveyor.workflow;

import dev.conveyor.workflow.BundleState.Part;
import dev.conveyor.workflow.activity.BundleActivities;
import dev.conveyor.workflow.activity.ConsistencyRequest;
import dev.conveyor.workflow.activity.ConsistencyRequest.PartOutput;
import dev.conveyor.workflow.activity.ConsistencyResult;
import dev.conveyor.workflow.model.BundleDecision;
import dev.conveyor.workflow.model.BundleRequest;
import dev.conveyor.workflow.model.BundleRequestValidator;
import dev.conveyor.workflow.model.BundleStage;
import dev.conveyor.workflow.model.BundleStatus;
import dev.conveyor.workflow.model.DecisionAction;
import dev.conveyor.workflow.model.FieldError;
import dev.conveyor.workflow.model.ModelCall;
import dev.conveyor.workflow.model.PartRejection;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.CanceledFailure;
import io.temporal.failure.ChildWorkflowFailure;
import io.temporal.workflow.Workflow;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;

/**
 * The Conveyor bundle workflow, read top to bottom: the parts run as child jobs ({@link
 * BundleParts}), the cross-part check compares them, and one human decision approves them all or
 * sends chosen parts back. The bundle's state lives in {@link BundleState}; {@link
 * BundleProjection} writes it into the job store at each change. Deterministic like the job:
 * content stays in the artifact store, payloads carry references.
 */
public class BundleWorkflowImpl implements BundleWorkflow {

  private static final Logger log = Workflow.getLogger(BundleWorkflowImpl.class);

  private final BundleActivities checks =
      Workflow.newActivityStub(
          BundleActivities.class,
          JobActivityOptions.QA.toBuilder().setSummary("cross-part check").build());

  private final BundleState bundle =
      new BundleState(
          Workflow.getInfo().getWorkflowId(),
          () -> Instant.ofEpochMilli(Workflow.currentTimeMillis()));

  private BundleProjection projection;
  private BundleParts parts;

  @Override
  public BundleStatus run(BundleRequest input) {
    projection = BundleProjection.start(bundle);
    parts = new BundleParts(bundle, projection::changed);
    bundle.started();
    List<FieldError> errors = BundleRequestValidator.validate(input);
    if (!errors.isEmpty()) {
      projection.request(input);
      return end(BundleStage.FAILED, "invalid request: " + errors, null);
    }
    bundle.accept(input.withDefaults());
    projection.request(bundle.request());
    BundleVisibility.show(bundle);
    try {
      BundleStatus result = runBundle();
      Workflow.await(Workflow::isEveryHandlerFinished);
      return result;
    } catch (CanceledFailure e) {
      return cancelled();
    } catch (ActivityFailure | ChildWorkflowFailure e) {
      if (e.getCause() instanceof CanceledFailure) {
        return cancelled();
      }
      return end(BundleStage.FAILED, "failed after retries: " + JobTexts.rootMessage(e), null);
    }
  }

  private BundleStatus runBundle() {
    BundleRequest request = bundle.request();
    int sentBackByCheck = 0;
    while (true) {
      enter(BundleStage.RUNNING);
      parts.runWaiting();
      String why = bundle.whyNotComplete();
      if (why == null) {
        Map<String, String> faults = checkConsistency();
        if (!faults.isEmpty() && sentBackByCheck < request.maxConsistencyAttempts()) {
          sentBackByCheck++;
          log.info("bundle {}: the cross-part check sends back {}", bundle.bundleId(), faults);
          bundle.sendBack(faults);
          continue;
        }
        why =
            faults.isEmpty()
                ? "every part passed QA and the cross-part check"
                : "the cross-part check still fails for " + faults.keySet();
      }
      BundleDecision decision = awaitDecision(why);
      if (decision == null) {
        return end(
            BundleStage.EXPIRED, "no decision within " + request.approvalTimeout(), "timeout");
      }
      String reviewer = decision.reviewer();
      if (decision.action() == DecisionAction.APPROVE) {
        return end(BundleStage.APPROVED, "approved by " + reviewer + comment(decision), reviewer);
      }
      if (!decision.sendsPartsBack()) {
        return end(BundleStage.REJECTED, "rejected by " + reviewer + comment(decision), reviewer);
      }
      if (bundle.revision() >= request.maxRevisions()) {
        String noRevision =
            "rejected by "
                + reviewer
                + "; no revision left (maxRevisions "
                + request.maxRevisions()
                + ")";
        return end(BundleStage.REJECTED, noRevision, reviewer);
      }
      bundle.nextRevision();
      Map<String, String> feedback = new LinkedHashMap<>();
      for (PartRejection rejection : decision.parts()) {
        feedback.put(rejection.part(), "Reviewer feedback: " + rejection.comment());
      }
      sentBackByCheck = 0;
      bundle.sendBack(feedback);
    }
  }

  /**
   * Runs the cross-part check on every part that uses others; returns the parts at fault, each with
   * the feedback its next run acts on. A failing verdict names the part at fault, which need not be
   * the part checked (an image that does not show what the headline beside it promises), and only
   * that part and the parts that use it run again. A bundle whose parts use none has nothing to
   * check.
   */
  private Map<String, String> checkConsistency() {
    Map<String, String> faults = new LinkedHashMap<>();
    if (bundle.parts().stream().allMatch(p -> p.spec().uses().isEmpty())) {
      return faults;
    }
    enter(BundleStage.CHECKING);
    List<PartOutput> outputs = new ArrayList<>();
    for (Part part : bundle.parts()) {
      outputs.add(
          new PartOutput(
              part.name(),
              part.spec().outputKind(),
              part.spec().language(),
              part.spec().requirements(),
              part.spec().uses(),
              part.output(),
              part.fileName()));
    }
    ConsistencyResult result =
        checks.checkConsistency(
            new ConsistencyRequest(bundle.bundleId(), outputs, bundle.consistencyRuns() + 1));
    BigDecimal cost = BigDecimal.ZERO;
    for (ModelCall call : result.calls()) {
      cost = cost.add(call.costUsd());
    }
    bundle.checked(cost);
    for (ConsistencyResult.PartVerdict verdict : result.verdicts()) {
      Part part = bundle.part(verdict.part());
      if (part == null) {
        continue;
      }
      part.consistency(verdict.verdict());
      JobMetrics.crossPartCheck(verdict.verdict().passed());
      if (!verdict.verdict().passed()) {
        // Two checked parts may hold the same part at fault (an image two pages use): it acts on
        // both feedbacks.
        faults.merge(
            part.name(),
            "Cross-part check: " + verdict.verdict().feedback(),
            (first, second) -> first + " " + second);
      }
    }
    return faults;
  }

  /** Waits for the human decision; returns it, or null when the approval timeout expires. */
  private BundleDecision awaitDecision(String why) {
    bundle.awaitDecision(why);
    BundleVisibility.show(bundle);
    projection.changed();
    boolean decided =
        Workflow.await(bundle.request().approvalTimeout(), () -> bundle.pending() != null);
    return decided ? bundle.takeDecision() : null;
  }

  private BundleStatus cancelled() {
    String why = "cancelled during " + bundle.stage();
    parts.awaitCancelledParts();
    return end(BundleStage.CANCELLED, why, null);
  }

  @Override
  public BundleStatus decide(BundleDecision decision) {
    bundle.receive(decision);
    // The bundle takes the decision and acts on it (ends, or starts the parts sent back) before
    // this handler resumes.
    Workflow.await(() -> bundle.pending() == null);
    return bundle.status();
  }

  @Override
  public void validateDecision(BundleDecision decision) {
    List<FieldError> errors = BundleRequestValidator.validate(decision, bundle.names());
    if (!errors.isEmpty()) {
      throw new DecisionRejection.InvalidDecision(errors);
    }
    if (bundle.stage() != BundleStage.AWAITING_APPROVAL || bundle.pending() != null) {
      throw new DecisionRejection.OutOfTurn(
          "bundle " + bundle.bundleId() + " is " + bundle.stage() + ": no decision is awaited");
    }
    String incomplete = bundle.whyNotComplete();
    if (decision.action() == DecisionAction.APPROVE && incomplete != null) {
      throw new DecisionRejection.InvalidDecision(
          List.of(
              new FieldError(
                  "action",
                  "cannot approve: "
                      + incomplete
                      + "; send those parts back or reject the bundle")));
    }
  }

  @Override
  public BundleStatus status() {
    return bundle.status();
  }

  private void enter(BundleStage next) {
    bundle.enter(next);
    BundleVisibility.show(bundle);
    projection.changed();
  }

  private BundleStatus end(BundleStage state, String why, String decidedBy) {
    BundleStatus status = bundle.end(state, why, decidedBy);
    BundleVisibility.show(bundle);
    projection.finished(decidedBy);
    JobMetrics.bundleFinished(state);
    log.info("bundle {} ended {}: {}", bundle.bundleId(), state, why);
    return status;
  }

  private static String comment(BundleDecision decision) {
    String comment = decision.comment();
    return comment == null || comment.isBlank() ? "" : ": " + comment;
  }
}
