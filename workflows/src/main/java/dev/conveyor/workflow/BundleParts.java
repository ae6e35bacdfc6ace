package dev.conveyor.workflow;

import dev.conveyor.workflow.BundleState.Part;
import dev.conveyor.workflow.model.ArtifactRef;
import dev.conveyor.workflow.model.BundleContext;
import dev.conveyor.workflow.model.JobRequest;
import dev.conveyor.workflow.model.JobResult;
import dev.conveyor.workflow.model.OutputKind;
import dev.conveyor.workflow.model.PartState;
import io.temporal.api.enums.v1.ParentClosePolicy;
import io.temporal.failure.CanceledFailure;
import io.temporal.failure.ChildWorkflowFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.ChildWorkflowOptions;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs a bundle's waiting parts as child {@link JobWorkflow}s: a part starts once every part it
 * uses passed QA (parts that use none start together), with their outputs and a share of what is
 * left of the budget; a part whose used part failed is blocked. Each child's workflow id is {@code
 * <bundle>.<part>.<run>}, its summary names the part, and closing the bundle cancels it.
 */
final class BundleParts {

  private final BundleState bundle;
  private final Runnable changed;
  private final Map<String, Promise<JobResult>> running = new LinkedHashMap<>();

  /**
   * Runs the parts of the bundle.
   *
   * @param changed told once parts started or ended, to record the bundle's new state
   */
  BundleParts(BundleState bundle, Runnable changed) {
    this.bundle = bundle;
    this.changed = changed;
  }

  /** Runs every waiting part until each passed, failed or is blocked. */
  void runWaiting() {
    while (true) {
      startReadyParts();
      if (running.isEmpty()) {
        return;
      }
      Workflow.await(() -> running.values().stream().anyMatch(Promise::isCompleted));
      collectFinished();
    }
  }

  /**
   * Waits, outside the cancelled scope, for the parts that were running to end (their jobs were
   * asked to cancel with the bundle), so the bundle's status shows how each ended.
   */
  void awaitCancelledParts() {
    Workflow.newDetachedCancellationScope(
            () -> {
              Workflow.await(() -> running.values().stream().allMatch(Promise::isCompleted));
              collectFinished();
            })
        .run();
  }

  private void startReadyParts() {
    boolean moved = false;
    boolean changed = true;
    while (changed) {
      changed = false;
      for (Part part : bundle.parts()) {
        if (part.state() != PartState.WAITING) {
          continue;
        }
        String broken = brokenUse(part);
        if (broken != null) {
          part.fail(PartState.BLOCKED, "uses " + broken + ", which has no output that passed QA");
          changed = true;
        } else if (usesPassed(part)) {
          start(part);
          changed = true;
        }
        moved |= changed;
      }
    }
    if (moved) {
      this.changed.run();
    }
  }

  private String brokenUse(Part part) {
    for (String used : part.spec().uses()) {
      PartState state = bundle.part(used).state();
      if (state == PartState.FAILED || state == PartState.BLOCKED) {
        return used;
      }
    }
    return null;
  }

  private boolean usesPassed(Part part) {
    return part.spec().uses().stream()
        .allMatch(used -> bundle.part(used).state() == PartState.PASSED);
  }

  private void start(Part part) {
    BigDecimal allotment = bundle.allotment();
    if (allotment != null && allotment.signum() <= 0) {
      part.fail(PartState.FAILED, "the bundle's budget is spent");
      return;
    }
    String jobId = bundle.bundleId() + "." + part.name() + "." + (part.runs() + 1);
    JobRequest request =
        part.spec().jobRequest(bundle.request().withBudget(allotment), contextOf(part));
    ChildWorkflowOptions options =
        ChildWorkflowOptions.newBuilder()
            .setWorkflowId(jobId)
            .setParentClosePolicy(ParentClosePolicy.PARENT_CLOSE_POLICY_REQUEST_CANCEL)
            .setStaticSummary(summary(part))
            .build();
    JobWorkflow job = Workflow.newChildWorkflowStub(JobWorkflow.class, options);
    part.running(jobId, allotment);
    running.put(part.name(), Async.function(job::run, request));
    bundle.touch();
  }

  /** Returns what a part receives from the parts it uses: texts to contain, images to embed. */
  private BundleContext contextOf(Part part) {
    List<ArtifactRef> texts = new ArrayList<>();
    List<String> images = new ArrayList<>();
    for (String name : part.spec().uses()) {
      Part used = bundle.part(name);
      if (used.spec().outputKind() == OutputKind.IMAGE) {
        images.add(used.fileName());
      } else {
        texts.add(used.output());
      }
    }
    return new BundleContext(bundle.bundleId(), part.name(), texts, images, part.feedback());
  }

  /** Returns the Temporal UI's summary of a part's job: the part, its kind and its run. */
  private String summary(Part part) {
    String kind =
        part.spec().outputKind() == OutputKind.CODE
            ? "CODE " + part.spec().language()
            : String.valueOf(part.spec().outputKind());
    return "part "
        + part.name()
        + " ("
        + kind
        + ") of bundle "
        + bundle.bundleId()
        + " · run "
        + (part.runs() + 1);
  }

  private void collectFinished() {
    boolean collected = false;
    for (String name : List.copyOf(running.keySet())) {
      Promise<JobResult> result = running.get(name);
      if (!result.isCompleted()) {
        continue;
      }
      running.remove(name);
      collected = true;
      Part part = bundle.part(name);
      try {
        part.finished(result.get());
      } catch (ChildWorkflowFailure e) {
        if (e.getCause() instanceof CanceledFailure) {
          part.fail(PartState.FAILED, "cancelled");
        } else {
          part.fail(PartState.FAILED, "its job failed: " + JobTexts.rootMessage(e));
        }
      }
      bundle.touch();
    }
    if (collected) {
      changed.run();
    }
  }
}
