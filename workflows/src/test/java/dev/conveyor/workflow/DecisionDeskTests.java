package dev.conveyor.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.conveyor.workflow.DecisionDesk.Channel;
import dev.conveyor.workflow.model.ApprovalReason;
import dev.conveyor.workflow.model.ArtifactRef;
import dev.conveyor.workflow.model.AttemptRecord;
import dev.conveyor.workflow.model.DecisionAction;
import dev.conveyor.workflow.model.DecisionRecord;
import dev.conveyor.workflow.model.FieldError;
import dev.conveyor.workflow.model.JobRequest;
import dev.conveyor.workflow.model.OutputKind;
import dev.conveyor.workflow.model.ReviewDecision;
import dev.conveyor.workflow.model.Stage;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.slf4j.helpers.NOPLogger;

/** The decision desk's rules, in plain Java: no Temporal environment runs here. */
class DecisionDeskTests {

  private static final Instant NOW = Instant.parse("2026-11-30T09:00:00Z");
  private static final ArtifactRef OUTPUT = new ArtifactRef("ab".repeat(32), "text/plain", 12);

  private final JobState job = new JobState("job-desk", () -> NOW);
  private final DecisionDesk desk = new DecisionDesk(job, NOPLogger.NOP_LOGGER);

  @Test
  void should_take_a_well_formed_decision_when_one_is_awaited() {
    // given
    awaitingWithOutput();
    ReviewDecision approval = new ReviewDecision(DecisionAction.APPROVE, "alice", "fine", null);

    // when
    desk.screen(approval);
    DecisionRecord received = desk.receive(approval, Channel.UPDATE);

    // then
    assertThat(desk.decided()).isTrue();
    assertThat(desk.taken()).isEqualTo(approval);
    assertThat(received.applied()).isTrue();
    assertThat(received.note()).isNull();
    assertThat(received.via()).isEqualTo("update");
    assertThat(received.at()).isEqualTo(NOW);
    assertThat(job.status().decisions()).containsExactly(received);
  }

  @Test
  void should_refuse_and_record_as_ignored_a_decision_when_none_is_awaited() {
    // given: the job is still writing its prompt
    job.started(request());
    ReviewDecision approval = new ReviewDecision(DecisionAction.APPROVE, "alice", null, null);

    // when, then
    assertThatThrownBy(() -> desk.screen(approval))
        .isInstanceOf(DecisionRejection.OutOfTurn.class)
        .hasMessage("no decision is awaited: job job-desk is in stage PROMPT");
    DecisionRecord received = desk.receive(approval, Channel.SIGNAL);
    assertThat(received.applied()).isFalse();
    assertThat(received.via()).isEqualTo("signal");
    assertThat(received.note())
        .isEqualTo("no decision is awaited: job job-desk is in stage PROMPT");
    assertThat(desk.decided()).isFalse();
    assertThat(job.status().decisions()).containsExactly(received);
  }

  @Test
  void should_refuse_a_second_decision_on_the_same_revision() {
    // given
    awaitingWithOutput();
    desk.receive(new ReviewDecision(DecisionAction.APPROVE, "alice", null, null), Channel.SIGNAL);
    ReviewDecision second = new ReviewDecision(DecisionAction.REJECT, "bob", "no", null);

    // when, then
    assertThatThrownBy(() -> desk.screen(second))
        .isInstanceOf(DecisionRejection.OutOfTurn.class)
        .hasMessage("a decision on revision 0 was already received");
    DecisionRecord ignored = desk.receive(second, Channel.SIGNAL);
    assertThat(ignored.applied()).isFalse();
    assertThat(desk.taken().reviewer()).isEqualTo("alice");
  }

  @Test
  void should_refuse_an_approval_when_no_output_was_generated() {
    // given: the models gave out before any output
    job.started(request());
    job.accept(request());
    job.enter(Stage.AWAITING_APPROVAL);
    desk.open();

    // when, then: an approval is refused, a rejection with regeneration is taken
    assertThatThrownBy(
            () -> desk.screen(new ReviewDecision(DecisionAction.APPROVE, "alice", null, null)))
        .isInstanceOf(DecisionRejection.OutOfTurn.class)
        .hasMessageStartingWith("nothing to approve");
    ReviewDecision retry = new ReviewDecision(DecisionAction.REJECT, "alice", "again", true);
    desk.screen(retry);
    assertThat(desk.receive(retry, Channel.UPDATE).regenerate()).isTrue();
    assertThat(desk.taken().wantsRevision()).isTrue();
  }

  @Test
  void should_refuse_an_invalid_decision_naming_its_field_before_asking_whether_it_is_in_turn() {
    // given: not awaited either, but the invalid field is what the caller must fix first
    job.started(request());
    ReviewDecision nobody = new ReviewDecision(DecisionAction.APPROVE, " ", null, null);

    // when, then
    assertThatThrownBy(() -> desk.screen(nobody))
        .isInstanceOfSatisfying(
            DecisionRejection.InvalidDecision.class,
            invalid ->
                assertThat(invalid.errors())
                    .containsExactly(new FieldError("reviewer", "is required")))
        .hasMessage("invalid decision: [reviewer: is required]");
    assertThat(desk.receive(nobody, Channel.UPDATE).note())
        .isEqualTo("invalid decision: [reviewer: is required]");
  }

  @Test
  void should_record_a_signal_without_payload_as_a_decision_by_nobody() {
    // given
    awaitingWithOutput();

    // when
    DecisionRecord received =
        desk.receive(DecisionDesk.fromSignal(null, DecisionAction.REJECT), Channel.SIGNAL);

    // then
    assertThat(received.action()).isEqualTo(DecisionAction.REJECT);
    assertThat(received.applied()).isFalse();
    assertThat(received.note()).isEqualTo("invalid decision: [reviewer: is required]");
    assertThat(desk.decided()).isFalse();
  }

  @Test
  void should_forget_the_previous_revisions_decision_when_it_opens_again() {
    // given
    awaitingWithOutput();
    desk.receive(new ReviewDecision(DecisionAction.REJECT, "alice", "redo", true), Channel.UPDATE);

    // when
    job.nextRevision();
    desk.open();

    // then
    assertThat(desk.decided()).isFalse();
    ReviewDecision approval = new ReviewDecision(DecisionAction.APPROVE, "bob", null, null);
    desk.screen(approval);
    assertThat(desk.receive(approval, Channel.SIGNAL).revision()).isEqualTo(1);
  }

  @Test
  void should_record_the_decisions_the_job_takes_alone() {
    // given
    awaitingWithOutput();

    // when
    desk.decideAlone(null, Channel.TIMEOUT, "no decision within PT72H");

    // then
    DecisionRecord expired = job.status().decisions().get(0);
    assertThat(expired.action()).isNull();
    assertThat(expired.reviewer()).isEqualTo("timeout");
    assertThat(expired.via()).isEqualTo("timeout");
    assertThat(expired.applied()).isTrue();
    assertThat(expired.note()).isEqualTo("no decision within PT72H");
    assertThat(desk.decided()).as("a timeout is no reviewer's decision").isFalse();
  }

  private void awaitingWithOutput() {
    job.started(request());
    job.accept(request());
    job.generated(AttemptRecord.generated(0, 1, OUTPUT, null, "offline/writer"));
    job.enter(Stage.AWAITING_APPROVAL);
    job.awaitDecision(ApprovalReason.POLICY, true, null);
    desk.open();
  }

  private static JobRequest request() {
    return JobRequest.of("Write a haiku about conveyors.", OutputKind.TEXT, null);
  }
}
