package dev.conveyor.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.conveyor.store.testing.StoreWrites;
import dev.conveyor.store.testing.TestPostgres;
import dev.conveyor.store.testing.TestPostgres.Database;
import dev.conveyor.workflow.activity.JobEventType;
import dev.conveyor.workflow.activity.JobStoreWrite;
import dev.conveyor.workflow.model.ApprovalReason;
import dev.conveyor.workflow.model.DecisionAction;
import dev.conveyor.workflow.model.Stage;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The job store's writer and queries on a real PostgreSQL, migrated by Flyway. */
class JobStoreRepositoryTests {

  private static final Instant T0 = Instant.parse("2026-03-01T09:00:00Z");

  private Database database;
  private JdbcJobStoreWriter writer;
  private JdbcJobQueries queries;

  @BeforeEach
  void freshDatabase() {
    database = TestPostgres.migratedDatabase();
    writer = new JdbcJobStoreWriter(database.dataSource());
    queries = new JdbcJobQueries(database.dataSource());
  }

  @Test
  void should_create_the_tables_in_an_empty_database_and_apply_nothing_twice() {
    // given
    Database empty = TestPostgres.emptyDatabase();

    // when
    int first = JobStoreSchema.migrate(empty.dataSource());
    int second = JobStoreSchema.migrate(empty.dataSource());

    // then
    assertThat(first).isPositive();
    assertThat(second).isZero();
    List<String> tables =
        JdbcClient.create(empty.dataSource())
            .sql(
                "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'"
                    + " ORDER BY table_name")
            .query(String.class)
            .list();
    assertThat(tables).contains("jobs", "job_events", "job_attempts", "job_calls", "job_decisions");
  }

  @Test
  void should_read_back_everything_a_job_wrote_request_attempts_calls_decisions_and_timeline() {
    // given
    StoreWrites job = StoreWrites.job("job-a", "shop", List.of("sale", "spring"), T0);

    // when
    writer.write(job.submitted());
    writer.write(job.generated(false));
    writer.write(job.generated(true));
    writer.write(job.awaiting(Duration.ofHours(72)));
    writer.write(job.approved("rita", "lovely"));

    // then
    JobDetail detail = queries.find("job-a").orElseThrow();
    JobSummary summary = detail.summary();
    assertThat(summary.stage()).isEqualTo(Stage.APPROVED);
    assertThat(summary.submitter()).isEqualTo("shop");
    assertThat(summary.tags()).containsExactly("sale", "spring");
    assertThat(summary.costUsd()).isEqualByComparingTo("0.0075");
    assertThat(summary.createdAt()).isEqualTo(T0);
    assertThat(summary.finishedAt()).isEqualTo(job.status().finishedAt());
    assertThat(summary.awaitingReason()).isNull();
    assertThat(detail.request().requirements()).isEqualTo("A haiku about job-a");
    assertThat(detail.request().approvalTimeout()).isEqualTo(Duration.ofHours(72));
    assertThat(detail.reason()).isEqualTo("approved by rita");
    assertThat(detail.output()).isEqualTo(job.status().output());
    assertThat(detail.attempts()).isEqualTo(job.status().attempts());
    assertThat(detail.calls()).hasSize(5);
    assertThat(detail.calls().get(1).fallbacks())
        .containsExactly("openai/gpt-4o: rejected (401 authentication)");
    assertThat(detail.calls().get(1).costUsd()).isEqualByComparingTo("0.0015");
    assertThat(detail.decisions()).hasSize(1);
    assertThat(detail.decisions().get(0).action()).isEqualTo(DecisionAction.APPROVE);
    assertThat(detail.decisions().get(0).reviewer()).isEqualTo("rita");
    assertThat(detail.decisions().get(0).comment()).isEqualTo("lovely");
    assertThat(detail.decisions().get(0).at()).isEqualTo(job.status().finishedAt());
    assertThat(detail.timeline())
        .extracting(TimelineEvent::type)
        .containsExactly(
            JobEventType.SUBMITTED,
            JobEventType.STAGE,
            JobEventType.MODEL_CALL,
            JobEventType.QA_VERDICT,
            JobEventType.MODEL_CALL,
            JobEventType.QA_VERDICT,
            JobEventType.STAGE,
            JobEventType.DECISION,
            JobEventType.FINISHED);
    assertThat(detail.timeline().get(7).actor()).isEqualTo("rita");
    assertThat(detail.timeline().get(7).detail()).isEqualTo("approve via signal: lovely");
  }

  @Test
  void should_change_nothing_when_the_same_write_arrives_twice() {
    // given
    StoreWrites job = StoreWrites.job("job-b", "shop", List.of(), T0);
    writer.write(job.submitted());
    JobStoreWrite generated = job.generated(true);
    boolean first = writer.write(generated);
    JobDetail before = queries.find("job-b").orElseThrow();

    // when
    boolean second = writer.write(generated);

    // then
    assertThat(first).isTrue();
    assertThat(second).isFalse();
    assertThat(queries.find("job-b").orElseThrow()).isEqualTo(before);
    assertThat(before.timeline()).hasSize(4);
    assertThat(before.calls()).hasSize(3);
  }

  @Test
  void should_not_move_a_job_backwards_when_an_older_write_arrives_late() {
    // given
    StoreWrites job = StoreWrites.job("job-c", "shop", List.of(), T0);
    JobStoreWrite submitted = job.submitted();
    JobStoreWrite generated = job.generated(true);
    JobStoreWrite awaiting = job.awaiting(Duration.ofHours(1));
    writer.write(submitted);
    writer.write(awaiting);

    // when
    boolean moved = writer.write(generated);

    // then
    assertThat(moved).isFalse();
    JobDetail detail = queries.find("job-c").orElseThrow();
    assertThat(detail.summary().stage()).isEqualTo(Stage.AWAITING_APPROVAL);
    assertThat(detail.summary().awaitingReason()).isEqualTo(ApprovalReason.POLICY);
    assertThat(detail.attempts()).hasSize(1);
    assertThat(detail.timeline())
        .as("the late write's events are still recorded, in sequence order")
        .extracting(TimelineEvent::type)
        .containsExactly(
            JobEventType.SUBMITTED,
            JobEventType.STAGE,
            JobEventType.MODEL_CALL,
            JobEventType.QA_VERDICT,
            JobEventType.STAGE);
  }

  @Test
  void should_heal_the_row_when_a_write_after_a_lost_one_carries_the_whole_state() {
    // given: the second write never reached the store
    StoreWrites job = StoreWrites.job("job-d", "shop", List.of(), T0);
    writer.write(job.submitted());
    job.generated(false);

    // when
    writer.write(job.generated(true));

    // then
    JobDetail detail = queries.find("job-d").orElseThrow();
    assertThat(detail.attempts()).hasSize(2);
    assertThat(detail.calls()).hasSize(5);
    assertThat(detail.summary().costUsd()).isEqualByComparingTo("0.0075");
  }

  @Test
  void should_filter_by_stage_state_tag_submitter_and_creation_time() {
    // given
    StoreWrites a = StoreWrites.job("job-1", "shop", List.of("sale"), T0);
    writer.write(a.submitted());
    writer.write(a.generated(true));
    writer.write(a.awaiting(Duration.ofHours(2)));
    StoreWrites b = StoreWrites.job("job-2", "blog", List.of("sale", "blog"), T0.plusSeconds(60));
    writer.write(b.submitted());
    StoreWrites c = StoreWrites.job("job-3", "shop", List.of(), T0.plusSeconds(120));
    writer.write(c.submitted());
    writer.write(c.generated(true));
    writer.write(c.awaiting(Duration.ofHours(2)));
    writer.write(c.approved("rita", "fine"));

    // then
    assertThat(ids(filter(Stage.AWAITING_APPROVAL, null, null, null, null, null)))
        .containsExactly("job-1");
    assertThat(ids(filter(null, true, null, null, null, null))).containsExactly("job-3");
    assertThat(ids(filter(null, false, null, null, null, null))).containsExactly("job-2", "job-1");
    assertThat(ids(filter(null, null, "sale", null, null, null))).containsExactly("job-2", "job-1");
    assertThat(ids(filter(null, null, "blog", "shop", null, null))).isEmpty();
    assertThat(ids(filter(null, null, null, "shop", null, null))).containsExactly("job-3", "job-1");
    assertThat(ids(filter(null, null, null, null, T0.plusSeconds(60), T0.plusSeconds(120))))
        .as("from is inclusive, to exclusive")
        .containsExactly("job-2");
    assertThat(queries.count(JobFilter.awaitingApproval())).isEqualTo(1);
  }

  @Test
  void should_page_newest_first_and_order_the_inbox_by_the_longest_wait() {
    // given: five jobs a minute apart; the older ones start waiting later
    for (int i = 1; i <= 5; i++) {
      StoreWrites job = StoreWrites.job("job-" + i, "shop", List.of(), T0.plusSeconds(60L * i));
      writer.write(job.submitted());
      for (int wait = 0; wait < 7 * (6 - i); wait++) {
        job.generated(false);
      }
      writer.write(job.generated(true));
      writer.write(job.awaiting(Duration.ofHours(1)));
    }

    // when
    JobPage first = queries.list(JobFilter.all(), 0, 2);
    JobPage last = queries.list(JobFilter.all(), 2, 2);
    JobPage inbox = queries.list(JobFilter.awaitingApproval(), 0, 10);

    // then
    assertThat(first.total()).isEqualTo(5);
    assertThat(ids(first)).containsExactly("job-5", "job-4");
    assertThat(ids(last)).containsExactly("job-1");
    assertThat(last.page()).isEqualTo(2);
    assertThat(last.size()).isEqualTo(2);
    assertThat(ids(inbox)).containsExactly("job-5", "job-4", "job-3", "job-2", "job-1");
    Instant oldestWait = inbox.jobs().get(0).awaitingSince();
    assertThat(
            ids(
                queries.list(
                    new JobFilter(
                        null, null, null, null, null, null, oldestWait.plusMillis(1), null),
                    0,
                    10)))
        .containsExactly("job-5");
  }

  @Test
  void should_refuse_a_negative_page_or_a_size_out_of_bounds() {
    assertThatThrownBy(() -> queries.list(JobFilter.all(), -1, 10))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("page must be 0 or more, was -1");
    assertThatThrownBy(() -> queries.list(JobFilter.all(), 0, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("size must be from 1 to 200, was 0");
    assertThatThrownBy(() -> queries.list(JobFilter.all(), 0, 201))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void should_find_nothing_for_an_unknown_job() {
    assertThat(queries.find("job-unknown")).isEmpty();
    assertThat(queries.list(JobFilter.all(), 0, 10).jobs()).isEmpty();
    assertThat(queries.list(JobFilter.all(), 0, 10).total()).isZero();
  }

  private JobPage filter(
      Stage stage, Boolean finished, String tag, String submitter, Instant from, Instant to) {
    return queries.list(
        new JobFilter(stage, finished, tag, submitter, from, to, null, null), 0, 50);
  }

  private static List<String> ids(JobPage page) {
    return page.jobs().stream().map(JobSummary::jobId).toList();
  }
}
