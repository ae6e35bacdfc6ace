package dev.conveyor.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conveyor.store.testing.StoreWrites;
import dev.conveyor.store.testing.TestPostgres;
import dev.conveyor.workflow.model.Stage;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Lost jobs and resubmission links on a real PostgreSQL, beside the workflow's own writes. */
class JobRecoveryTests {

  private static final Instant T0 = Instant.parse("2026-03-01T09:00:00Z");

  private JdbcJobStoreWriter writer;
  private JdbcJobQueries queries;
  private JdbcJobRecovery recovery;

  @BeforeEach
  void freshDatabase() {
    TestPostgres.Database database = TestPostgres.migratedDatabase();
    writer = new JdbcJobStoreWriter(database.dataSource());
    queries = new JdbcJobQueries(database.dataSource());
    recovery = new JdbcJobRecovery(database.dataSource());
  }

  @Test
  void should_mark_a_waiting_job_lost_once_and_take_it_out_of_the_inbox() {
    // given
    StoreWrites waiting = StoreWrites.job("job-waiting", "shop", List.of(), T0);
    writer.write(waiting.submitted());
    writer.write(waiting.generated(true));
    writer.write(waiting.awaiting(Duration.ofHours(1)));
    Instant found = T0.plusSeconds(600);

    // when
    boolean first = recovery.markLost("job-waiting", "Temporal lost it", found);
    boolean second = recovery.markLost("job-waiting", "again", found.plusSeconds(1));

    // then
    assertThat(first).isTrue();
    assertThat(second).isFalse();
    JobDetail job = queries.find("job-waiting").orElseThrow();
    assertThat(job.summary().stage()).isEqualTo(Stage.LOST);
    assertThat(job.reason()).isEqualTo("Temporal lost it");
    assertThat(job.summary().finishedAt()).isEqualTo(found);
    assertThat(job.awaiting()).isNull();
    assertThat(queries.count(JobFilter.awaitingApproval())).isZero();
    assertThat(recovery.unfinished(null, 10)).isEmpty();
  }

  @Test
  void should_never_mark_an_ended_job_lost_and_list_only_unfinished_ones() {
    // given
    StoreWrites ended = StoreWrites.job("job-ended", "shop", List.of(), T0);
    writer.write(ended.submitted());
    writer.write(ended.generated(true));
    writer.write(ended.approved("rita", "fine"));
    StoreWrites running = StoreWrites.job("job-running", "shop", List.of(), T0.plusSeconds(1));
    writer.write(running.submitted());

    // when
    boolean marked = recovery.markLost("job-ended", "Temporal lost it", T0.plusSeconds(60));

    // then
    assertThat(marked).isFalse();
    assertThat(queries.find("job-ended").orElseThrow().summary().stage()).isEqualTo(Stage.APPROVED);
    assertThat(recovery.unfinished(null, 10)).containsExactly("job-running");
  }

  @Test
  void should_link_a_resubmission_both_ways_once() {
    // given
    StoreWrites lost = StoreWrites.job("job-lost", "shop", List.of(), T0);
    writer.write(lost.submitted());
    recovery.markLost("job-lost", "Temporal lost it", T0.plusSeconds(60));
    StoreWrites other = StoreWrites.job("job-other", "shop", List.of(), T0);
    writer.write(other.submitted());

    // when
    var first = recovery.linkResubmission("job-lost", "job-new", "sam", T0.plusSeconds(90));
    var second = recovery.linkResubmission("job-lost", "job-newer", "sam", T0.plusSeconds(91));
    var taken = recovery.linkResubmission("job-other", "job-new", "sam", T0.plusSeconds(92));
    StoreWrites replacement = StoreWrites.job("job-new", "sam", List.of(), T0.plusSeconds(90));
    writer.write(replacement.submitted());

    // then
    assertThat(first).contains("job-new");
    assertThat(second).contains("job-new");
    assertThat(taken).isEmpty();
    assertThat(queries.summary("job-lost").orElseThrow().resubmittedAs()).isEqualTo("job-new");
    assertThat(queries.summary("job-new").orElseThrow().resubmittedFrom()).isEqualTo("job-lost");
    assertThat(queries.find("job-new").orElseThrow().summary().resubmittedFrom())
        .isEqualTo("job-lost");
    assertThat(queries.list(JobFilter.all(), 0, 10).jobs())
        .filteredOn(job -> job.jobId().equals("job-lost"))
        .singleElement()
        .satisfies(job -> assertThat(job.resubmittedAs()).isEqualTo("job-new"));
  }

  @Test
  void should_let_a_later_write_of_the_jobs_workflow_move_a_lost_row_forward() {
    // given: a job taken for lost whose workflow turns out to be alive
    StoreWrites job = StoreWrites.job("job-alive", "shop", List.of(), T0);
    writer.write(job.submitted());
    recovery.markLost("job-alive", "Temporal lost it", T0.plusSeconds(60));

    // when
    writer.write(job.generated(true));

    // then
    JobSummary summary = queries.summary("job-alive").orElseThrow();
    assertThat(summary.stage()).isNotEqualTo(Stage.LOST);
    assertThat(summary.finishedAt()).isNull();
  }
}
