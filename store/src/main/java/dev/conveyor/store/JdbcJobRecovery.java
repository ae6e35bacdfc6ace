package dev.conveyor.store;

import static dev.conveyor.store.SqlValues.timestamp;

import dev.conveyor.workflow.model.Stage;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Records lost jobs and resubmissions in PostgreSQL with plain SQL. */
public final class JdbcJobRecovery implements JobRecovery {

  private static final String MARK_LOST =
      """
      UPDATE jobs SET stage = :lost, reason = :reason, updated_at = :at, finished_at = :at,
          awaiting_reason = NULL, awaiting_revision = NULL, awaiting_since = NULL,
          awaiting_deadline = NULL, awaiting_detail = NULL
      WHERE job_id = :jobId AND finished_at IS NULL AND stage <> :lost
      """;

  private static final String LINK =
      """
      INSERT INTO job_resubmissions (job_id, resubmitted_as, resubmitted_by, at)
      VALUES (:jobId, :resubmittedAs, :by, :at)
      ON CONFLICT DO NOTHING
      """;

  private final JdbcClient jdbc;

  /** Creates the recorder on a database the {@link JobStoreSchema} has migrated. */
  public JdbcJobRecovery(DataSource dataSource) {
    this.jdbc = JdbcClient.create(dataSource);
  }

  @Override
  public List<String> unfinished(String after, int limit) {
    return jdbc.sql(
            "SELECT job_id FROM jobs WHERE finished_at IS NULL AND stage <> ? AND job_id > ?"
                + " ORDER BY job_id LIMIT ?")
        .param(Stage.LOST.name())
        .param(after == null ? "" : after)
        .param(limit)
        .query(String.class)
        .list();
  }

  @Override
  public boolean markLost(String jobId, String reason, Instant at) {
    return jdbc.sql(MARK_LOST)
            .param("lost", Stage.LOST.name())
            .param("reason", reason)
            .param("at", timestamp(at))
            .param("jobId", jobId)
            .update()
        > 0;
  }

  @Override
  public Optional<String> linkResubmission(
      String jobId, String resubmittedAs, String by, Instant at) {
    jdbc.sql(LINK)
        .param("jobId", jobId)
        .param("resubmittedAs", resubmittedAs)
        .param("by", by)
        .param("at", timestamp(at))
        .update();
    return jdbc.sql("SELECT resubmitted_as FROM job_resubmissions WHERE job_id = ?")
        .param(jobId)
        .query(String.class)
        .optional();
  }
}
