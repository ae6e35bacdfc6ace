package dev.conveyor.workflow;

import static dev.conveyor.workflow.JobRequests.text;
import static dev.conveyor.workflow.testing.ScriptedActivities.fail;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.conveyor.workflow.activity.JobEvent;
import dev.conveyor.workflow.activity.JobEventType;
import dev.conveyor.workflow.activity.JobStoreWrite;
import dev.conveyor.workflow.activity.QaRequest;
import dev.conveyor.workflow.activity.QaResult;
import dev.conveyor.workflow.model.ApprovalPolicy;
import dev.conveyor.workflow.model.AttemptRecord;
import dev.conveyor.workflow.model.BudgetPolicy;
import dev.conveyor.workflow.model.Decision;
import dev.conveyor.workflow.model.JobResult;
import dev.conveyor.workflow.model.Stage;
import dev.conveyor.workflow.testing.ActivityGate;
import dev.conveyor.workflow.testing.JobWorkflowHarness;
import dev.conveyor.workflow.testing.ScriptedActivities;
import io.temporal.failure.ApplicationFailure;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What the workflow writes into the job store, and when. */
class JobProjectionTests {

  private final JobWorkflowHarness harness = new JobWorkflowHarness();

  @AfterEach
  void closeEnvironment() {
    harness.close();
  }

  @Test
  void should_write_every_stage_call_verdict_decision_and_the_end_in_order() {
    // given
    ScriptedActivities activities = new ScriptedActivities().failFirst(1);
    harness.start(activities);
    JobWorkflow job =
        harness.submit(
            "job-projected",
            text().toBuilder().submitter("shop").tags(List.of("spring-sale")).build());
    harness.awaitStage(job, Stage.AWAITING_APPROVAL);

    // when
    job.approve(new Decision("alice", "good to go", null));
    harness.result(job);

    // then
    List<JobStoreWrite> writes = activities.storeWrites();
    assertThat(writes)
        .extracting(JobStoreWrite::sequence)
        .containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L);
    assertThat(writes)
        .extracting(w -> w.status().stage())
        .containsExactly(
            Stage.PROMPT,
            Stage.GENERATE,
            Stage.QA,
            Stage.GENERATE,
            Stage.QA,
            Stage.AWAITING_APPROVAL,
            Stage.APPROVED);
    assertThat(writes).allSatisfy(w -> assertThat(w.jobId()).isEqualTo("job-projected"));
    assertThat(writes.get(0).request().submitter()).isEqualTo("shop");
    assertThat(writes.get(0).request().maxQaAttempts()).as("defaults filled in").isEqualTo(3);
    assertThat(writes.subList(1, writes.size()))
        .as("the request goes until a write succeeds")
        .allSatisfy(w -> assertThat(w.request()).isNull());
    List<JobEvent> events = writes.stream().flatMap(w -> w.events().stream()).toList();
    assertThat(events)
        .extracting(JobEvent::sequence)
        .containsExactlyElementsOf(
            java.util.stream.LongStream.rangeClosed(1, events.size()).boxed().toList());
    assertThat(events)
        .extracting(JobEvent::type, JobEvent::stage, JobEvent::attempt)
        .containsExactly(
            tuple(JobEventType.SUBMITTED, Stage.PROMPT, 0),
            tuple(JobEventType.STAGE, Stage.PROMPT, 0),
            tuple(JobEventType.MODEL_CALL, Stage.PROMPT, 0),
            tuple(JobEventType.STAGE, Stage.GENERATE, 1),
            tuple(JobEventType.MODEL_CALL, Stage.GENERATE, 1),
            tuple(JobEventType.STAGE, Stage.QA, 1),
            tuple(JobEventType.MODEL_CALL, Stage.QA, 1),
            tuple(JobEventType.QA_VERDICT, Stage.QA, 1),
            tuple(JobEventType.STAGE, Stage.GENERATE, 2),
            tuple(JobEventType.MODEL_CALL, Stage.GENERATE, 2),
            tuple(JobEventType.STAGE, Stage.QA, 2),
            tuple(JobEventType.MODEL_CALL, Stage.QA, 2),
            tuple(JobEventType.QA_VERDICT, Stage.QA, 2),
            tuple(JobEventType.STAGE, Stage.AWAITING_APPROVAL, 2),
            tuple(JobEventType.DECISION, Stage.APPROVED, 0),
            tuple(JobEventType.FINISHED, Stage.APPROVED, 2));
    assertThat(events.get(0).actor()).isEqualTo("shop");
    assertThat(events.get(0).detail()).isEqualTo("TEXT job tagged spring-sale");
    assertThat(events.get(7).detail()).startsWith("failed (score 0.2): attempt 1 too short");
    JobEvent decision = events.get(14);
    assertThat(decision.actor()).isEqualTo("alice");
    assertThat(decision.detail()).isEqualTo("approve via signal: good to go");
    assertThat(events.get(15).actor()).isEqualTo("alice");
    JobStoreWrite last = writes.get(writes.size() - 1);
    assertThat(last.status().calls()).hasSize(5);
    assertThat(last.status().attempts())
        .as("no attempt changed since the write that parked the job")
        .isEmpty();
    assertThat(writes.get(4).status().attempts())
        .as("entering QA again: the attempt generated since the last write")
        .extracting(AttemptRecord::attempt)
        .containsExactly(2);
    Map<Integer, AttemptRecord> stored = new TreeMap<>();
    writes.forEach(w -> w.status().attempts().forEach(a -> stored.put(a.attempt(), a)));
    assertThat(stored.values())
        .as("every attempt reaches the store in its final state")
        .containsExactlyElementsOf(job.status().attempts());
    assertThat(writes)
        .as("what the store does not keep stays out of the history")
        .allSatisfy(
            w -> {
              assertThat(w.status().models()).isEmpty();
              assertThat(w.status().usageByStep()).isEmpty();
            });
    assertThat(last.status().decisions()).hasSize(1);
    assertThat(last.status().finishedAt()).isNotNull();
  }

  @Test
  void should_record_a_decision_that_arrives_out_of_turn_from_the_next_write() {
    // given
    ActivityGate qa = new ActivityGate();
    ScriptedActivities activities =
        new ScriptedActivities() {
          @Override
          public QaResult checkText(QaRequest request) {
            qa.pass();
            return super.checkText(request);
          }
        };
    harness.start(activities);
    JobWorkflow job = harness.submit(text(ApprovalPolicy.NEVER));
    qa.awaitArrival();

    // when
    try {
      job.reject(new Decision("mallory", "too early", null));
      harness.awaitStatus(job, s -> !s.decisions().isEmpty(), "an ignored decision");
    } finally {
      qa.open();
    }
    harness.result(job);

    // then
    List<JobEvent> decisions =
        activities.storeWrites().stream()
            .flatMap(w -> w.events().stream())
            .filter(e -> e.type() == JobEventType.DECISION)
            .toList();
    assertThat(decisions).extracting(JobEvent::actor).containsExactly("mallory", "policy");
    assertThat(decisions.get(0).detail())
        .isEqualTo(
            "reject via signal (ignored: no decision is awaited: job job-1 is in stage QA):"
                + " too early");
  }

  @Test
  void should_write_the_end_of_a_job_cancelled_while_it_awaits_a_decision() {
    // given
    ScriptedActivities activities = new ScriptedActivities();
    harness.start(activities);
    JobWorkflow job = harness.submit(text());
    harness.awaitStage(job, Stage.AWAITING_APPROVAL);

    // when
    harness.cancel(job);
    harness.awaitStage(job, Stage.CANCELLED);

    // then
    JobStoreWrite last = activities.storeWrites().get(activities.storeWrites().size() - 1);
    assertThat(last.status().stage()).isEqualTo(Stage.CANCELLED);
    assertThat(last.events())
        .extracting(JobEvent::type, JobEvent::detail)
        .containsExactly(
            tuple(JobEventType.FINISHED, "CANCELLED: cancelled during AWAITING_APPROVAL"));
  }

  @Test
  void should_send_the_request_again_until_a_write_stores_it() {
    // given: the store refuses the job's first write
    ScriptedActivities activities =
        new ScriptedActivities() {
          @Override
          public void project(JobStoreWrite write) {
            if (write.sequence() == 1) {
              throw ApplicationFailure.newFailure("store down", "StoreDown");
            }
            super.project(write);
          }
        };
    harness.start(activities);

    // when
    harness.result(harness.submit(text(ApprovalPolicy.NEVER)));

    // then
    List<JobStoreWrite> stored = activities.storeWrites();
    assertThat(stored.get(0).sequence()).isEqualTo(2);
    assertThat(stored.get(0).request()).isNotNull();
    assertThat(stored.get(0).events().get(0).type()).isEqualTo(JobEventType.SUBMITTED);
    assertThat(stored.get(1).request()).isNull();
  }

  @Test
  void should_carry_on_and_resend_the_events_of_a_failed_write_with_the_next_one() {
    // given: the store refuses every attempt of the job's second write
    AtomicInteger failures = new AtomicInteger();
    ScriptedActivities activities =
        new ScriptedActivities() {
          @Override
          public void project(JobStoreWrite write) {
            if (write.sequence() == 2) {
              failures.incrementAndGet();
              throw ApplicationFailure.newFailure("store down", "StoreDown");
            }
            super.project(write);
          }
        };
    harness.start(activities);

    // when
    JobResult result = harness.result(harness.submit(text(ApprovalPolicy.NEVER)));

    // then
    assertThat(result.state()).isEqualTo(Stage.APPROVED);
    assertThat(failures)
        .hasValue(JobActivityOptions.STORE_WRITE.getRetryOptions().getMaximumAttempts());
    List<JobStoreWrite> stored = activities.storeWrites();
    assertThat(stored).extracting(JobStoreWrite::sequence).doesNotContain(2L).contains(1L, 3L);
    List<Long> sequences =
        stored.stream().flatMap(w -> w.events().stream()).map(JobEvent::sequence).toList();
    assertThat(sequences)
        .as("every event reaches the store once, the failed write's with the next write")
        .containsExactlyElementsOf(
            java.util.stream.LongStream.rangeClosed(1, sequences.size()).boxed().toList());
    assertThat(stored.get(stored.size() - 1).status().stage()).isEqualTo(Stage.APPROVED);
  }

  @Test
  void should_write_a_budget_event_when_the_budget_sends_the_job_to_a_human() {
    // given QA that never passes and a budget that runs out after three calls
    ScriptedActivities activities = new ScriptedActivities().judgeWith(r -> fail("too vague"));
    harness.start(activities);
    JobWorkflow job =
        harness.submit(
            "job-over-budget",
            text().toBuilder()
                .budgetUsd(new BigDecimal("0.003"))
                .budgetPolicy(BudgetPolicy.ASK_HUMAN)
                .build());

    // when
    harness.awaitStage(job, Stage.AWAITING_APPROVAL);

    // then
    List<JobEvent> budget =
        activities.storeWrites().stream()
            .flatMap(w -> w.events().stream())
            .filter(e -> e.type() == JobEventType.BUDGET)
            .toList();
    assertThat(budget).hasSize(1);
    assertThat(budget.get(0).actor()).isEqualTo("budget");
    assertThat(budget.get(0).detail())
        .isEqualTo("ASK_HUMAN before TEXT_GENERATION: estimate 0.001 USD, 0 USD left");
  }
}
