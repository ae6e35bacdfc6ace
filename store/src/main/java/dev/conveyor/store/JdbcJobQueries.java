package dev.conveyor.store;

import static dev.conveyor.store.SqlValues.enumValue;
import static dev.conveyor.store.SqlValues.instant;
import static dev.conveyor.store.SqlValues.nullableInt;
import static dev.conveyor.store.SqlValues.strings;
import static dev.conveyor.store.SqlValues.timestamp;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.conveyor.workflow.activity.JobEventType;
import dev.conveyor.workflow.model.ApprovalReason;
import dev.conveyor.workflow.model.ArtifactRef;
import dev.conveyor.workflow.model.AttemptRecord;
import dev.conveyor.workflow.model.AwaitingApproval;
import dev.conveyor.workflow.model.BundleStage;
import dev.conveyor.workflow.model.DecisionAction;
import dev.conveyor.workflow.model.DecisionRecord;
import dev.conveyor.workflow.model.JobRequest;
import dev.conveyor.workflow.model.ModelCall;
import dev.conveyor.workflow.model.OutputKind;
import dev.conveyor.workflow.model.QaVerdict;
import dev.conveyor.workflow.model.Stage;
import dev.conveyor.workflow.model.Step;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Reads the job store with plain SQL. */
public final class JdbcJobQueries implements JobQueries {

  /** The largest page a listing returns. */
  public static final int MAX_PAGE_SIZE = 200;

  /** The columns of a summary, of a row {@code w} of {@code jobs} or of {@code work_items}. */
  private static final String SUMMARY_COLUMNS =
      "w.job_id, w.output_kind, w.stage, w.submitter, w.tags, w.revision, w.cost_usd,"
          + " w.awaiting_reason, w.awaiting_since, w.awaiting_deadline, w.created_at,"
          + " w.updated_at, w.finished_at, w.bundle_id,"
          + " (SELECT r.resubmitted_as FROM job_resubmissions r WHERE r.job_id = w.job_id)"
          + " AS resubmitted_as,"
          + " (SELECT r.job_id FROM job_resubmissions r WHERE r.resubmitted_as = w.job_id)"
          + " AS resubmitted_from";

  /** A summary's columns read from {@code jobs}, which holds jobs only. */
  private static final String JOB_COLUMNS =
      SUMMARY_COLUMNS + ", 'JOB' AS kind, NULL AS bundle_stage";

  /** A summary's columns read from {@code work_items}: jobs and bundles. */
  private static final String ITEM_COLUMNS = SUMMARY_COLUMNS + ", w.kind, w.bundle_stage";

  private final JdbcClient jdbc;
  private final ObjectMapper json;
  private final BundleRows bundles;

  /** Creates the queries on a database the {@link JobStoreSchema} has migrated. */
  public JdbcJobQueries(DataSource dataSource) {
    this.jdbc = JdbcClient.create(dataSource);
    this.json = StoreJson.mapper();
    this.bundles = new BundleRows(jdbc, json);
  }

  @Override
  public JobPage list(JobFilter filter, int page, int size) {
    if (page < 0) {
      throw new IllegalArgumentException("page must be 0 or more, was " + page);
    }
    if (size < 1 || size > MAX_PAGE_SIZE) {
      throw new IllegalArgumentException(
          "size must be from 1 to " + MAX_PAGE_SIZE + ", was " + size);
    }
    Where where = where(filter);
    List<JobSummary> jobs =
        jdbc.sql(
                "SELECT "
                    + ITEM_COLUMNS
                    + " FROM work_items w"
                    + where.sql()
                    + orderBy(filter.order())
                    + " LIMIT :limit OFFSET :offset")
            .params(where.params())
            .param("limit", size)
            .param("offset", (long) page * size)
            .query((row, n) -> summary(row))
            .list();
    return new JobPage(jobs, page, size, count(filter));
  }

  @Override
  public long count(JobFilter filter) {
    Where where = where(filter);
    return jdbc.sql("SELECT count(*) FROM work_items w" + where.sql())
        .params(where.params())
        .query(Long.class)
        .single();
  }

  @Override
  public Optional<JobDetail> find(String jobId) {
    return jdbc.sql(
            "SELECT "
                + JOB_COLUMNS
                + ", request, reason, prompt_sha256, prompt_content_type, prompt_size_bytes,"
                + " output_sha256, output_content_type, output_size_bytes, attempt, input_tokens,"
                + " output_tokens, awaiting_revision, awaiting_detail"
                + " FROM jobs w WHERE job_id = ?")
        .param(jobId)
        .query(
            (row, n) ->
                new JobRow(
                    summary(row),
                    row.getString("request"),
                    artifact(row, "prompt"),
                    artifact(row, "output"),
                    row.getString("reason"),
                    row.getInt("attempt"),
                    row.getLong("input_tokens"),
                    row.getLong("output_tokens"),
                    nullableInt(row, "awaiting_revision"),
                    row.getString("awaiting_detail")))
        .optional()
        .map(job -> detail(jobId, job));
  }

  @Override
  public Optional<JobSummary> summary(String jobId) {
    return jdbc.sql("SELECT " + JOB_COLUMNS + " FROM jobs w WHERE job_id = ?")
        .param(jobId)
        .query((row, n) -> summary(row))
        .optional();
  }

  @Override
  public Optional<StoredBundle> findBundle(String bundleId) {
    return bundles.find(bundleId);
  }

  private JobDetail detail(String jobId, JobRow job) {
    List<AttemptRecord> attempts = attempts(jobId);
    return new JobDetail(
        job.summary(),
        request(job.request()),
        job.prompt(),
        job.output(),
        job.reason(),
        attempts,
        calls(jobId),
        decisions(jobId),
        timeline(jobId),
        job.attempt(),
        job.inputTokens(),
        job.outputTokens(),
        awaiting(job, attempts));
  }

  /** The awaited decision; whether its output passed QA is its newest attempt's verdict. */
  private static AwaitingApproval awaiting(JobRow job, List<AttemptRecord> attempts) {
    JobSummary summary = job.summary();
    if (summary.awaitingReason() == null) {
      return null;
    }
    int revision = job.awaitingRevision() == null ? summary.revision() : job.awaitingRevision();
    boolean passed =
        attempts.stream()
            .filter(a -> a.revision() == revision && a.verdict() != null)
            .reduce((first, second) -> second)
            .map(a -> a.verdict().passed())
            .orElse(false);
    return new AwaitingApproval(
        summary.awaitingReason(),
        revision,
        passed,
        summary.awaitingSince(),
        summary.awaitingDeadline(),
        job.awaitingDetail());
  }

  /** The job's own row, before its attempts, calls, decisions and events are read. */
  private record JobRow(
      JobSummary summary,
      String request,
      ArtifactRef prompt,
      ArtifactRef output,
      String reason,
      int attempt,
      long inputTokens,
      long outputTokens,
      Integer awaitingRevision,
      String awaitingDetail) {}

  /** The WHERE clause of a filter and its parameters. */
  private record Where(String sql, Map<String, Object> params) {}

  private static Where where(JobFilter filter) {
    List<String> conditions = new ArrayList<>();
    Map<String, Object> params = new LinkedHashMap<>();
    if (filter.stage() != null) {
      conditions.add("stage = :stage");
      params.put("stage", filter.stage().name());
    }
    if (filter.finished() != null) {
      conditions.add(filter.finished() ? "finished_at IS NOT NULL" : "finished_at IS NULL");
    }
    if (filter.tag() != null) {
      conditions.add("tags @> ARRAY[CAST(:tag AS text)]");
      params.put("tag", filter.tag());
    }
    if (filter.submitter() != null) {
      conditions.add("submitter = :submitter");
      params.put("submitter", filter.submitter());
    }
    if (filter.createdFrom() != null) {
      conditions.add("created_at >= :createdFrom");
      params.put("createdFrom", timestamp(filter.createdFrom()));
    }
    if (filter.createdTo() != null) {
      conditions.add("created_at < :createdTo");
      params.put("createdTo", timestamp(filter.createdTo()));
    }
    if (filter.awaitingSinceBefore() != null) {
      conditions.add("awaiting_since < :awaitingSinceBefore");
      params.put("awaitingSinceBefore", timestamp(filter.awaitingSinceBefore()));
    }
    if (filter.kind() != null) {
      conditions.add("kind = :kind");
      params.put("kind", filter.kind().name());
    }
    if (filter.bundleId() == null) {
      // A bundle stands for its parts' jobs.
      conditions.add("bundle_id IS NULL");
    } else {
      conditions.add("bundle_id = :bundleId");
      params.put("bundleId", filter.bundleId());
    }
    String sql = conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
    return new Where(sql, params);
  }

  private static String orderBy(JobOrder order) {
    return switch (order) {
      case NEWEST_FIRST -> " ORDER BY created_at DESC, job_id DESC";
      case OLDEST_AWAITING_FIRST ->
          " ORDER BY awaiting_since ASC NULLS LAST, created_at ASC, job_id ASC";
    };
  }

  private static JobSummary summary(ResultSet row) throws SQLException {
    return new JobSummary(
        row.getString("job_id"),
        enumValue(OutputKind.class, row.getString("output_kind")),
        enumValue(Stage.class, row.getString("stage")),
        row.getString("submitter"),
        strings(row, "tags"),
        row.getInt("revision"),
        row.getBigDecimal("cost_usd").stripTrailingZeros(),
        enumValue(ApprovalReason.class, row.getString("awaiting_reason")),
        instant(row, "awaiting_since"),
        instant(row, "awaiting_deadline"),
        instant(row, "created_at"),
        instant(row, "updated_at"),
        instant(row, "finished_at"),
        row.getString("resubmitted_as"),
        row.getString("resubmitted_from"),
        ItemKind.valueOf(row.getString("kind")),
        row.getString("bundle_id"),
        enumValue(BundleStage.class, row.getString("bundle_stage")));
  }

  private static ArtifactRef artifact(ResultSet row, String prefix) throws SQLException {
    String sha = row.getString(prefix + "_sha256");
    if (sha == null) {
      return null;
    }
    return new ArtifactRef(
        sha, row.getString(prefix + "_content_type"), row.getLong(prefix + "_size_bytes"));
  }

  private JobRequest request(String stored) {
    if (stored == null) {
      return null;
    }
    try {
      return json.readValue(stored, JobRequest.class);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("the stored request is not a job request", e);
    }
  }

  private List<AttemptRecord> attempts(String jobId) {
    return jdbc.sql("SELECT * FROM job_attempts WHERE job_id = ? ORDER BY revision, attempt")
        .param(jobId)
        .query(
            (row, n) -> {
              boolean judged = row.getObject("qa_passed") != null;
              QaVerdict verdict =
                  judged
                      ? new QaVerdict(
                          row.getBoolean("qa_passed"),
                          row.getDouble("qa_score"),
                          strings(row, "qa_issues"),
                          row.getString("qa_feedback"))
                      : null;
              return new AttemptRecord(
                  row.getInt("revision"),
                  row.getInt("attempt"),
                  artifact(row, "output"),
                  row.getString("feedback"),
                  verdict,
                  row.getString("generated_by"),
                  row.getString("checked_by"));
            })
        .list();
  }

  private List<ModelCall> calls(String jobId) {
    return jdbc.sql("SELECT * FROM job_calls WHERE job_id = ? ORDER BY call_index")
        .param(jobId)
        .query(
            (row, n) ->
                new ModelCall(
                    Step.valueOf(row.getString("step")),
                    row.getString("provider"),
                    row.getString("model"),
                    row.getLong("input_tokens"),
                    row.getLong("output_tokens"),
                    row.getBigDecimal("cost_usd").stripTrailingZeros(),
                    row.getLong("latency_ms"),
                    strings(row, "fallbacks")))
        .list();
  }

  private List<DecisionRecord> decisions(String jobId) {
    return jdbc.sql("SELECT * FROM job_decisions WHERE job_id = ? ORDER BY decision_index")
        .param(jobId)
        .query(
            (row, n) ->
                new DecisionRecord(
                    enumValue(DecisionAction.class, row.getString("action")),
                    row.getString("reviewer"),
                    row.getString("comment"),
                    row.getBoolean("regenerate"),
                    row.getInt("revision"),
                    row.getString("via"),
                    row.getBoolean("applied"),
                    row.getString("note"),
                    instant(row, "at")))
        .list();
  }

  private List<TimelineEvent> timeline(String jobId) {
    return jdbc.sql("SELECT * FROM job_events WHERE job_id = ? ORDER BY sequence")
        .param(jobId)
        .query(
            (row, n) ->
                new TimelineEvent(
                    instant(row, "at"),
                    JobEventType.valueOf(row.getString("type")),
                    enumValue(Stage.class, row.getString("stage")),
                    row.getInt("revision"),
                    row.getInt("attempt"),
                    row.getString("actor"),
                    row.getString("detail")))
        .list();
  }
}
