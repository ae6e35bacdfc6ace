package dev.conveyor.workflow;

import static dev.conveyor.workflow.JobRequests.image;
import static dev.conveyor.workflow.JobRequests.text;
import static dev.conveyor.workflow.JobRequests.withBudget;
import static dev.conveyor.workflow.JobRequests.withRequirements;
import static dev.conveyor.workflow.testing.ScriptedActivities.fail;
import static dev.conveyor.workflow.testing.ScriptedActivities.pass;

import dev.conveyor.workflow.activity.ActivityErrors;
import dev.conveyor.workflow.activity.GenerationRequest;
import dev.conveyor.workflow.activity.JobStoreWrite;
import dev.conveyor.workflow.activity.QaRequest;
import dev.conveyor.workflow.activity.QaResult;
import dev.conveyor.workflow.activity.ReminderPlan;
import dev.conveyor.workflow.activity.StepResult;
import dev.conveyor.workflow.model.ApprovalPolicy;
import dev.conveyor.workflow.model.BudgetPolicy;
import dev.conveyor.workflow.model.Decision;
import dev.conveyor.workflow.model.DecisionAction;
import dev.conveyor.workflow.model.ExpiryAction;
import dev.conveyor.workflow.model.JobPriority;
import dev.conveyor.workflow.model.JobRequest;
import dev.conveyor.workflow.model.JobStatus;
import dev.conveyor.workflow.model.OutputKind;
import dev.conveyor.workflow.model.ReviewDecision;
import dev.conveyor.workflow.model.Stage;
import dev.conveyor.workflow.testing.ActivityGate;
import dev.conveyor.workflow.testing.JobWorkflowHarness;
import dev.conveyor.workflow.testing.ScriptedActivities;
import io.temporal.client.BatchRequest;
import io.temporal.client.WorkflowFailedException;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.CanceledFailure;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/**
 * Representative paths through the job workflow, played on a fresh test environment each. The
 * recorder commits their histories; the replay tests replay those files and fresh plays of every
 * scenario.
 */
final class JobScenarios {

  /** One path: how to set it up and drive it, and the stage it must end in. */
  record Scenario(String name, Stage expected, Script script) {

    @Override
    public String toString() {
      return name;
    }

    /** Returns the workflow id the scenario's job runs under. */
    String workflowId() {
      return "job-" + name;
    }
  }

  /** Starts the worker, submits the job and drives it until it ends or only needs time. */
  @FunctionalInterface
  interface Script {
    JobWorkflow play(JobWorkflowHarness harness, String workflowId);
  }

  /** What a played scenario left: the job's final status and its history. */
  record Played(JobStatus status, WorkflowExecutionHistory history) {}

  private static final Duration TIMEOUT = Duration.ofHours(1);

  private JobScenarios() {}

  /** Returns every scenario. */
  static List<Scenario> all() {
    return List.of(
        new Scenario(
            "approved-first-time",
            Stage.APPROVED,
            humanDecides(new ScriptedActivities(), text(), job -> job.approve(approval()))),
        new Scenario(
            "approved-after-qa-retries",
            Stage.APPROVED,
            humanDecides(
                new ScriptedActivities().failFirst(2), text(), job -> job.approve(approval()))),
        new Scenario(
            "approved-by-update",
            Stage.APPROVED,
            humanDecides(
                new ScriptedActivities(),
                text(),
                job ->
                    job.decide(new ReviewDecision(DecisionAction.APPROVE, "alice", "ok", null)))),
        new Scenario(
            "approved-by-policy",
            Stage.APPROVED,
            unattended(new ScriptedActivities(), text(ApprovalPolicy.BELOW_SCORE))),
        new Scenario(
            "profile-approved-by-policy",
            Stage.APPROVED,
            unattended(
                new ScriptedActivities(),
                text(ApprovalPolicy.NEVER).toBuilder().profile("economy").build())),
        new Scenario(
            "rejected-regenerated-then-approved", Stage.APPROVED, revisedThenApproved(text())),
        new Scenario(
            "bulk-revised-then-approved",
            Stage.APPROVED,
            revisedThenApproved(text().toBuilder().priority(JobPriority.BULK).build())),
        new Scenario(
            "rejected",
            Stage.REJECTED,
            humanDecides(
                new ScriptedActivities(),
                text(),
                job -> job.reject(new Decision("bob", "off brand", false)))),
        new Scenario(
            "revision-limit",
            Stage.REJECTED,
            (harness, id) -> {
              harness.start(new ScriptedActivities());
              JobWorkflow job =
                  harness.submit(
                      id, text().toBuilder().maxQaAttempts(null).maxRevisions(1).build());
              harness.awaitStage(job, Stage.AWAITING_APPROVAL);
              job.reject(new Decision("bob", "shorter", true));
              harness.awaitStatus(
                  job,
                  s -> s.stage() == Stage.AWAITING_APPROVAL && s.revision() == 1,
                  "revision 1");
              job.reject(new Decision("bob", "still too long", true));
              return job;
            }),
        new Scenario(
            "qa-never-passes-failed",
            Stage.FAILED,
            unattended(neverPasses(), text(ApprovalPolicy.ALWAYS))),
        new Scenario(
            "qa-never-passes-reviewed",
            Stage.APPROVED,
            humanDecides(
                neverPasses(), text(ApprovalPolicy.WHEN_QA_FAILS), job -> job.approve(approval()))),
        new Scenario(
            "low-score-reviewed",
            Stage.REJECTED,
            humanDecides(
                new ScriptedActivities().judgeWith(r -> pass(0.6)),
                text(ApprovalPolicy.BELOW_SCORE),
                job -> job.reject(new Decision("bob", null, null)))),
        new Scenario(
            "expired",
            Stage.EXPIRED,
            unattended(
                new ScriptedActivities(),
                text().toBuilder().approvalTimeout(TIMEOUT).onExpiry(ExpiryAction.EXPIRE).build())),
        new Scenario(
            "auto-approved-at-expiry",
            Stage.APPROVED,
            unattended(
                new ScriptedActivities(),
                text().toBuilder()
                    .approvalTimeout(TIMEOUT)
                    .onExpiry(ExpiryAction.AUTO_APPROVE)
                    .build())),
        new Scenario(
            "out-of-turn-decision-ignored",
            Stage.APPROVED,
            (harness, id) -> {
              ActivityGate qa = new ActivityGate();
              harness.start(
                  new ScriptedActivities() {
                    @Override
                    public QaResult checkText(QaRequest request) {
                      qa.pass();
                      return super.checkText(request);
                    }
                  });
              JobWorkflow job = harness.submit(id, text());
              qa.awaitArrival();
              try {
                job.approve(new Decision("mallory", "too early", null));
                harness.awaitStatus(job, s -> !s.decisions().isEmpty(), "an ignored decision");
              } finally {
                qa.open();
              }
              harness.awaitStage(job, Stage.AWAITING_APPROVAL);
              job.approve(approval());
              return job;
            }),
        new Scenario(
            "decision-sent-with-start-ignored",
            Stage.APPROVED,
            (harness, id) -> {
              harness.start(new ScriptedActivities());
              JobWorkflow job = harness.stub(id);
              BatchRequest request = harness.client().newSignalWithStartRequest();
              request.add(job::run, text());
              request.add(job::approve, new Decision("mallory", "too early", null));
              harness.client().signalWithStart(request);
              harness.awaitStage(job, Stage.AWAITING_APPROVAL);
              job.approve(approval());
              return job;
            }),
        new Scenario(
            "cancelled-awaiting-approval",
            Stage.CANCELLED,
            (harness, id) -> {
              harness.start(new ScriptedActivities());
              JobWorkflow job = harness.submit(id, text());
              harness.awaitStage(job, Stage.AWAITING_APPROVAL);
              harness.cancel(job);
              return job;
            }),
        new Scenario(
            "cancelled-during-generation",
            Stage.CANCELLED,
            (harness, id) -> {
              ActivityGate generation = new ActivityGate();
              harness.start(
                  new ScriptedActivities() {
                    @Override
                    public StepResult generateText(GenerationRequest request) {
                      generation.pass();
                      return super.generateText(request);
                    }
                  });
              JobWorkflow job = harness.submit(id, text());
              generation.awaitArrival();
              try {
                harness.cancel(job);
                awaitEnd(harness, job);
              } finally {
                generation.open();
              }
              return job;
            }),
        new Scenario(
            "invalid-input",
            Stage.FAILED,
            unattended(new ScriptedActivities(), withRequirements(text(), " "))),
        new Scenario(
            "activity-failure",
            Stage.FAILED,
            unattended(
                new ScriptedActivities() {
                  @Override
                  public StepResult generateText(GenerationRequest request) {
                    throw ApplicationFailure.newNonRetryableFailure(
                        "model refused the key", ActivityErrors.MODEL_REJECTED);
                  }
                },
                text(ApprovalPolicy.NEVER))),
        new Scenario(
            "models-exhausted-reviewed",
            Stage.APPROVED,
            (harness, id) -> {
              harness.start(
                  new ScriptedActivities() {
                    @Override
                    public StepResult generateText(GenerationRequest request) {
                      if (request.revision() == 0) {
                        throw ApplicationFailure.newNonRetryableFailure(
                            "every text model failed", ActivityErrors.MODELS_EXHAUSTED);
                      }
                      return super.generateText(request);
                    }
                  });
              JobWorkflow job = harness.submit(id, text());
              harness.awaitStage(job, Stage.AWAITING_APPROVAL);
              job.reject(new Decision("bob", "try again", true));
              harness.awaitStatus(
                  job,
                  s -> s.stage() == Stage.AWAITING_APPROVAL && s.revision() == 1,
                  "revision 1");
              job.approve(new Decision("alice", null, null));
              return job;
            }),
        new Scenario(
            "budget-exhausted",
            Stage.FAILED,
            unattended(neverPasses(), withBudget(text(), "0.004"))),
        new Scenario(
            "budget-switched-to-economy",
            Stage.APPROVED,
            unattended(
                new ScriptedActivities().failFirst(1),
                withBudget(text(ApprovalPolicy.NEVER), "0.003").toBuilder()
                    .budgetPolicy(BudgetPolicy.SWITCH)
                    .build())),
        new Scenario(
            "budget-asked-human-then-regenerated",
            Stage.APPROVED,
            (harness, id) -> {
              harness.start(
                  new ScriptedActivities()
                      .judgeWith(r -> r.revision() == 0 ? fail("too vague") : pass(0.9)));
              JobWorkflow job =
                  harness.submit(
                      id,
                      withBudget(text(), "0.003").toBuilder()
                          .budgetPolicy(BudgetPolicy.ASK_HUMAN)
                          .build());
              harness.awaitStage(job, Stage.AWAITING_APPROVAL);
              job.reject(new Decision("alice", "spend a little more", true));
              harness.awaitStatus(
                  job,
                  status -> status.stage() == Stage.AWAITING_APPROVAL && status.revision() == 1,
                  "the new revision awaiting approval");
              job.approve(approval());
              return job;
            }),
        new Scenario(
            "reminded-then-approved",
            Stage.APPROVED,
            (harness, id) -> {
              harness.start(
                  new ScriptedActivities().remind(new ReminderPlan(Duration.ofMinutes(30), true)));
              JobWorkflow job =
                  harness.submit(id, text().toBuilder().approvalTimeout(TIMEOUT).build());
              harness.awaitStage(job, Stage.AWAITING_APPROVAL);
              harness.env().sleep(Duration.ofMinutes(40));
              job.approve(approval());
              return job;
            }),
        new Scenario(
            "store-write-failed-carried-on",
            Stage.APPROVED,
            unattended(
                new ScriptedActivities() {
                  @Override
                  public void project(JobStoreWrite write) {
                    if (write.sequence() == 2) {
                      throw ApplicationFailure.newFailure("store down", "StoreDown");
                    }
                    super.project(write);
                  }
                },
                text(ApprovalPolicy.NEVER))),
        new Scenario(
            "projected-cancelled-awaiting-approval",
            Stage.CANCELLED,
            (harness, id) -> {
              harness.start(new ScriptedActivities());
              JobWorkflow job = harness.submit(id, text());
              harness.awaitStage(job, Stage.AWAITING_APPROVAL);
              harness.cancel(job);
              return job;
            }),
        new Scenario(
            "image-job",
            Stage.APPROVED,
            unattended(
                new ScriptedActivities().failFirst(1),
                image().toBuilder().approvalPolicy(ApprovalPolicy.NEVER).build())),
        new Scenario(
            "code-job",
            Stage.APPROVED,
            unattended(
                new ScriptedActivities()
                    .judgeCodeWith(
                        request ->
                            request.attempt() == 1
                                ? ScriptedActivities.fail("schema: at /price: string found")
                                : ScriptedActivities.pass(0.9)),
                JobRequest.builder("A product as JSON with a price.", OutputKind.CODE)
                    .language("json")
                    .jsonSchema("{\"type\": \"object\", \"required\": [\"price\"]}")
                    .approvalPolicy(ApprovalPolicy.NEVER)
                    .build())),
        new Scenario(
            "quick-steps-local-approved-by-policy",
            Stage.APPROVED,
            unattended(new ScriptedActivities(), text(ApprovalPolicy.NEVER))),
        new Scenario(
            "slim-store-writes-approved-after-qa-retries",
            Stage.APPROVED,
            humanDecides(
                new ScriptedActivities().failFirst(2), text(), job -> job.approve(approval()))));
  }

  /** Plays a scenario on a fresh environment and returns the final status and the history. */
  static Played play(Scenario scenario) {
    try (JobWorkflowHarness harness = new JobWorkflowHarness()) {
      JobWorkflow job = scenario.script().play(harness, scenario.workflowId());
      awaitEnd(harness, job);
      JobStatus status = job.status();
      if (status.stage() != scenario.expected()) {
        throw new AssertionError(
            scenario.name() + " ended " + status.stage() + ", expected " + scenario.expected());
      }
      return new Played(status, harness.history(job));
    }
  }

  private static Script unattended(ScriptedActivities activities, JobRequest request) {
    return (harness, id) -> {
      harness.start(activities);
      return harness.submit(id, request);
    };
  }

  private static Script humanDecides(
      ScriptedActivities activities, JobRequest request, Consumer<JobWorkflow> decision) {
    return (harness, id) -> {
      harness.start(activities);
      JobWorkflow job = harness.submit(id, request);
      harness.awaitStage(job, Stage.AWAITING_APPROVAL);
      decision.accept(job);
      return job;
    };
  }

  /**
   * QA fails the first attempt of each revision; a reviewer sends the first revision back with
   * regenerate and approves the second by the update.
   */
  private static Script revisedThenApproved(JobRequest request) {
    return (harness, id) -> {
      harness.start(new ScriptedActivities().failFirst(1));
      JobWorkflow job = harness.submit(id, request);
      harness.awaitStage(job, Stage.AWAITING_APPROVAL);
      job.reject(new Decision("bob", "make it friendlier", true));
      harness.awaitStatus(
          job, s -> s.stage() == Stage.AWAITING_APPROVAL && s.revision() == 1, "revision 1");
      job.decide(new ReviewDecision(DecisionAction.APPROVE, "alice", null, null));
      return job;
    };
  }

  private static ScriptedActivities neverPasses() {
    return new ScriptedActivities().judgeWith(r -> fail("too vague"));
  }

  private static Decision approval() {
    return new Decision("alice", "good to go", null);
  }

  /** Waits for the job to close, letting time skip; a cancelled job closes without a result. */
  private static void awaitEnd(JobWorkflowHarness harness, JobWorkflow job) {
    try {
      harness.result(job);
    } catch (WorkflowFailedException e) {
      if (!(e.getCause() instanceof CanceledFailure)) {
        throw e;
      }
      // A cancelled job closes without a result; its status query tells the stage.
    }
  }
}
