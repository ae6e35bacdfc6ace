package dev.conveyor.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conveyor.store.testing.BundleWrites;
import dev.conveyor.store.testing.StoreWrites;
import dev.conveyor.store.testing.TestPostgres;
import dev.conveyor.store.testing.TestPostgres.Database;
import dev.conveyor.workflow.activity.BundleEvent;
import dev.conveyor.workflow.activity.BundleStoreWrite;
import dev.conveyor.workflow.activity.JobEventType;
import dev.conveyor.workflow.model.BundleStage;
import dev.conveyor.workflow.model.PartState;
import dev.conveyor.workflow.model.Stage;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Bundles in the job store on a real PostgreSQL: their rows, and listings beside jobs. */
class BundleStoreTests {

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
  void should_read_back_the_bundle_its_parts_decisions_and_timeline() {
    // given
    BundleWrites bundle = BundleWrites.bundle("bundle-1", "shop", List.of("launch"), T0);

    // when
    writer.write(bundle.started());
    writer.write(bundle.awaiting(Duration.ofHours(2)));
    writer.write(bundle.approved("rita"));

    // then
    StoredBundle stored = queries.findBundle("bundle-1").orElseThrow();
    assertThat(stored.status()).isEqualTo(bundle.status());
    assertThat(stored.status().part("hero").jobId()).isEqualTo("bundle-1.hero.1");
    assertThat(stored.status().part("hero").state()).isEqualTo(PartState.PASSED);
    assertThat(stored.status().decisions()).hasSize(1);
    assertThat(stored.request().tags()).containsExactly("launch");
    assertThat(stored.timeline())
        .extracting(BundleEvent::type)
        .containsExactly(
            JobEventType.SUBMITTED,
            JobEventType.STAGE,
            JobEventType.STAGE,
            JobEventType.DECISION,
            JobEventType.FINISHED);
    assertThat(queries.findBundle("bundle-unknown")).isEmpty();
  }

  @Test
  void should_keep_the_newest_write_when_one_repeats_or_arrives_late() {
    // given
    BundleWrites bundle = BundleWrites.bundle("bundle-1", "shop", List.of(), T0);
    BundleStoreWrite started = bundle.started();
    BundleStoreWrite awaiting = bundle.awaiting(Duration.ofHours(2));

    // when
    assertThat(writer.write(started)).isTrue();
    assertThat(writer.write(awaiting)).isTrue();
    boolean late = writer.write(started);

    // then
    assertThat(late).isFalse();
    StoredBundle stored = queries.findBundle("bundle-1").orElseThrow();
    assertThat(stored.status().stage()).isEqualTo(BundleStage.AWAITING_APPROVAL);
    assertThat(stored.status().submitter()).isEqualTo("shop");
    assertThat(stored.timeline()).hasSize(3);
  }

  @Test
  void should_list_bundles_beside_jobs_without_their_parts_jobs() {
    // given a job awaiting a decision, a bundle awaiting one, its part's job, and a running bundle
    StoreWrites job = StoreWrites.job("job-1", "blog", List.of("sale"), T0);
    writer.write(job.submitted());
    writer.write(job.generated(true));
    writer.write(job.awaiting(Duration.ofHours(2)));
    BundleWrites waiting =
        BundleWrites.bundle("bundle-1", "shop", List.of("sale"), T0.plusSeconds(60));
    writer.write(waiting.started());
    StoreWrites part = StoreWrites.part("bundle-1", "headline", T0.plusSeconds(61));
    writer.write(part.submitted());
    writer.write(part.generated(true));
    writer.write(waiting.awaiting(Duration.ofHours(2)));
    BundleWrites running = BundleWrites.bundle("bundle-2", "shop", List.of(), T0.plusSeconds(120));
    writer.write(running.started());

    // when
    JobPage all = queries.list(JobFilter.all(), 0, 10);

    // then the listing holds the job and both bundles, marked, newest first
    assertThat(ids(all)).containsExactly("bundle-2", "bundle-1", "job-1");
    assertThat(all.total()).isEqualTo(3);
    JobSummary listed = all.jobs().get(1);
    assertThat(listed.kind()).isEqualTo(ItemKind.BUNDLE);
    assertThat(listed.bundleStage()).isEqualTo(BundleStage.AWAITING_APPROVAL);
    assertThat(listed.stage()).isEqualTo(Stage.AWAITING_APPROVAL);
    assertThat(listed.outputKind()).isNull();
    assertThat(listed.submitter()).isEqualTo("shop");
    assertThat(listed.awaitingDeadline())
        .isEqualTo(listed.awaitingSince().plus(Duration.ofHours(2)));
    assertThat(all.jobs().get(0).stage())
        .as("a running bundle lists as GENERATE")
        .isEqualTo(Stage.GENERATE);
    assertThat(all.jobs().get(0).bundleStage()).isEqualTo(BundleStage.RUNNING);
    assertThat(all.jobs().get(2).kind()).isEqualTo(ItemKind.JOB);
    assertThat(all.jobs().get(2).bundleStage()).isNull();

    // and the inbox holds the job and the bundle awaiting, longest wait first
    assertThat(ids(queries.list(JobFilter.awaitingApproval(), 0, 10)))
        .containsExactly("job-1", "bundle-1");
    assertThat(queries.count(JobFilter.awaitingApproval())).isEqualTo(2);

    // and the filters apply to bundles as to jobs
    assertThat(ids(queries.list(JobFilter.all().withKind(ItemKind.BUNDLE), 0, 10)))
        .containsExactly("bundle-2", "bundle-1");
    assertThat(ids(queries.list(JobFilter.all().withKind(ItemKind.JOB), 0, 10)))
        .containsExactly("job-1");
    assertThat(ids(filter(null, null, "sale", null))).containsExactly("bundle-1", "job-1");
    assertThat(ids(filter(null, null, null, "shop"))).containsExactly("bundle-2", "bundle-1");
    assertThat(ids(filter(null, false, null, null)))
        .containsExactly("bundle-2", "bundle-1", "job-1");
    assertThat(ids(filter(Stage.GENERATE, null, null, null))).containsExactly("bundle-2");
    assertThat(ids(queries.list(JobFilter.all(), 1, 2))).containsExactly("job-1");

    // and a bundle's parts' jobs are listed on their own, with the bundle's id
    JobPage parts = queries.list(JobFilter.all().withBundle("bundle-1"), 0, 10);
    assertThat(ids(parts)).containsExactly("bundle-1.headline.1");
    assertThat(parts.jobs().get(0).bundleId()).isEqualTo("bundle-1");
    assertThat(queries.summary("bundle-1.headline.1").orElseThrow().bundleId())
        .isEqualTo("bundle-1");
  }

  @Test
  void should_migrate_a_database_at_3_1_and_mark_the_parts_jobs_already_stored() {
    // given a database at V3_1 holding a job and a bundle part's job
    Database old = TestPostgres.emptyDatabase();
    Flyway.configure()
        .dataSource(old.dataSource())
        .locations(JobStoreSchema.MIGRATIONS)
        .table("job_store_schema_history")
        .target("3.1")
        .load()
        .migrate();
    JdbcClient sql = JdbcClient.create(old.dataSource());
    insertJobAtV31(sql, "job-1", null);
    insertJobAtV31(sql, "bundle-1.headline.1", "bundle-1");

    // when
    int applied = JobStoreSchema.migrate(old.dataSource());

    // then
    assertThat(applied).isEqualTo(1);
    JdbcJobQueries migrated = new JdbcJobQueries(old.dataSource());
    assertThat(ids(migrated.list(JobFilter.all(), 0, 10))).containsExactly("job-1");
    assertThat(ids(migrated.list(JobFilter.all().withBundle("bundle-1"), 0, 10)))
        .containsExactly("bundle-1.headline.1");
    BundleWrites bundle = BundleWrites.bundle("bundle-1", "shop", List.of(), T0);
    new JdbcJobStoreWriter(old.dataSource()).write(bundle.started());
    assertThat(ids(migrated.list(JobFilter.all(), 0, 10)))
        .containsExactlyInAnyOrder("bundle-1", "job-1");
  }

  @Test
  void should_create_the_bundle_tables_in_an_empty_database() {
    // given
    Database empty = TestPostgres.emptyDatabase();

    // when
    JobStoreSchema.migrate(empty.dataSource());

    // then
    List<String> tables =
        JdbcClient.create(empty.dataSource())
            .sql(
                "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'"
                    + " ORDER BY table_name")
            .query(String.class)
            .list();
    assertThat(tables).contains("bundles", "bundle_events", "work_items");
  }

  /** Inserts a job as V3_1 wrote it: the bundle, if any, only inside its request. */
  private static void insertJobAtV31(JdbcClient sql, String jobId, String bundleId) {
    String bundle =
        bundleId == null
            ? ""
            : ", \"bundle\": {\"bundleId\": \"" + bundleId + "\", \"part\": \"headline\"}";
    sql.sql(
            "INSERT INTO jobs (job_id, last_sequence, output_kind, stage, request, created_at,"
                + " updated_at, profile) VALUES (?, 1, 'TEXT', 'DELIVERED', CAST(? AS jsonb),"
                + " ?, ?, 'default')")
        .params(
            jobId,
            "{\"requirements\": \"x\", \"outputKind\": \"TEXT\"" + bundle + "}",
            SqlValues.timestamp(T0),
            SqlValues.timestamp(T0))
        .update();
  }

  private JobPage filter(Stage stage, Boolean finished, String tag, String submitter) {
    return queries.list(
        new JobFilter(stage, finished, tag, submitter, null, null, null, null), 0, 50);
  }

  private static List<String> ids(JobPage page) {
    return page.jobs().stream().map(JobSummary::jobId).toList();
  }
}
