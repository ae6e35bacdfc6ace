package dev.conveyor.store;

import static dev.conveyor.store.SqlValues.name;
import static dev.conveyor.store.SqlValues.textArray;
import static dev.conveyor.store.SqlValues.timestamp;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.conveyor.workflow.activity.BundleStoreWrite;
import dev.conveyor.workflow.activity.JobEvent;
import dev.conveyor.workflow.activity.JobStoreWrite;
import dev.conveyor.workflow.model.ArtifactRef;
import dev.conveyor.workflow.model.AttemptRecord;
import dev.conveyor.workflow.model.AwaitingApproval;
import dev.conveyor.workflow.model.DecisionRecord;
import dev.conveyor.workflow.model.JobRequest;
import dev.conveyor.workflow.model.JobStatus;
import dev.conveyor.workflow.model.ModelCall;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** Writes jobs and bundles into PostgreSQL with plain SQL, one transaction per write. */
public final class JdbcJobStoreWriter implements JobStoreWriter {

  private static final String UPSERT_JOB =
      """
      INSERT INTO jobs (job_id, last_sequence, output_kind, stage, submitter, tags, revision,
          attempt, input_tokens, output_tokens, cost_usd, prompt_sha256, prompt_content_type,
          prompt_size_bytes, output_sha256, output_content_type, output_size_bytes,
          awaiting_reason, awaiting_revision, awaiting_since, awaiting_deadline, awaiting_detail,
          reason, request, created_at, updated_at, finished_at, profile, bundle_id)
      VALUES (:jobId, :sequence, :outputKind, :stage, :submitter, :tags, :revision, :attempt,
          :inputTokens, :outputTokens, :costUsd, :promptSha, :promptType, :promptSize, :outputSha,
          :outputType, :outputSize, :awaitingReason, :awaitingRevision, :awaitingSince,
          :awaitingDeadline, :awaitingDetail, :reason, CAST(:request AS jsonb), :createdAt,
          :updatedAt, :finishedAt, :profile, :bundleId)
      ON CONFLICT (job_id) DO UPDATE SET
          last_sequence = EXCLUDED.last_sequence, output_kind = EXCLUDED.output_kind,
          stage = EXCLUDED.stage,
          submitter = CASE WHEN :hasRequest THEN EXCLUDED.submitter ELSE jobs.submitter END,
          tags = CASE WHEN :hasRequest THEN EXCLUDED.tags ELSE jobs.tags END,
          revision = EXCLUDED.revision, attempt = EXCLUDED.attempt,
          input_tokens = EXCLUDED.input_tokens, output_tokens = EXCLUDED.output_tokens,
          cost_usd = EXCLUDED.cost_usd, prompt_sha256 = EXCLUDED.prompt_sha256,
          prompt_content_type = EXCLUDED.prompt_content_type,
          prompt_size_bytes = EXCLUDED.prompt_size_bytes, output_sha256 = EXCLUDED.output_sha256,
          output_content_type = EXCLUDED.output_content_type,
          output_size_bytes = EXCLUDED.output_size_bytes,
          awaiting_reason = EXCLUDED.awaiting_reason,
          awaiting_revision = EXCLUDED.awaiting_revision,
          awaiting_since = EXCLUDED.awaiting_since,
          awaiting_deadline = EXCLUDED.awaiting_deadline,
          awaiting_detail = EXCLUDED.awaiting_detail, reason = EXCLUDED.reason,
          request = CASE WHEN :hasRequest THEN EXCLUDED.request ELSE jobs.request END,
          profile = CASE WHEN :hasRequest THEN EXCLUDED.profile ELSE jobs.profile END,
          bundle_id = CASE WHEN :hasRequest THEN EXCLUDED.bundle_id ELSE jobs.bundle_id END,
          created_at = EXCLUDED.created_at,
          updated_at = EXCLUDED.updated_at, finished_at = EXCLUDED.finished_at
      WHERE jobs.last_sequence < EXCLUDED.last_sequence
      """;

  private static final String UPSERT_ATTEMPT =
      """
      INSERT INTO job_attempts (job_id, revision, attempt, last_sequence, output_sha256,
          output_content_type, output_size_bytes, feedback, generated_by, checked_by, qa_passed,
          qa_score, qa_issues, qa_feedback)
      VALUES (:jobId, :revision, :attempt, :sequence, :outputSha, :outputType, :outputSize,
          :feedback, :generatedBy, :checkedBy, :passed, :score, :issues, :qaFeedback)
      ON CONFLICT (job_id, revision, attempt) DO UPDATE SET
          last_sequence = EXCLUDED.last_sequence, output_sha256 = EXCLUDED.output_sha256,
          output_content_type = EXCLUDED.output_content_type,
          output_size_bytes = EXCLUDED.output_size_bytes, feedback = EXCLUDED.feedback,
          generated_by = EXCLUDED.generated_by, checked_by = EXCLUDED.checked_by,
          qa_passed = EXCLUDED.qa_passed, qa_score = EXCLUDED.qa_score,
          qa_issues = EXCLUDED.qa_issues, qa_feedback = EXCLUDED.qa_feedback
      WHERE job_attempts.last_sequence < EXCLUDED.last_sequence
      """;

  private static final String INSERT_CALL =
      """
      INSERT INTO job_calls (job_id, call_index, step, provider, model, input_tokens,
          output_tokens, cost_usd, latency_ms, fallbacks)
      VALUES (:jobId, :index, :step, :provider, :model, :inputTokens, :outputTokens, :costUsd,
          :latencyMs, :fallbacks)
      ON CONFLICT DO NOTHING
      """;

  private static final String INSERT_DECISION =
      """
      INSERT INTO job_decisions (job_id, decision_index, action, reviewer, comment, regenerate,
          revision, via, applied, note, at)
      VALUES (:jobId, :index, :action, :reviewer, :comment, :regenerate, :revision, :via,
          :applied, :note, :at)
      ON CONFLICT DO NOTHING
      """;

  private static final String INSERT_EVENT =
      """
      INSERT INTO job_events (job_id, sequence, at, type, stage, revision, attempt, actor, detail)
      VALUES (:jobId, :sequence, :at, :type, :stage, :revision, :attempt, :actor, :detail)
      ON CONFLICT DO NOTHING
      """;

  private final JdbcClient jdbc;
  private final TransactionTemplate transactions;
  private final ObjectMapper json;
  private final BundleRows bundles;

  /** Creates a writer on a database the {@link JobStoreSchema} has migrated. */
  public JdbcJobStoreWriter(DataSource dataSource) {
    this.jdbc = JdbcClient.create(dataSource);
    this.transactions = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
    this.json = StoreJson.mapper();
    this.bundles = new BundleRows(jdbc, json);
  }

  @Override
  public boolean write(JobStoreWrite write) {
    Boolean moved = transactions.execute(tx -> writeInTransaction(write));
    return Boolean.TRUE.equals(moved);
  }

  @Override
  public boolean write(BundleStoreWrite write) {
    Boolean moved = transactions.execute(tx -> bundles.write(write));
    return Boolean.TRUE.equals(moved);
  }

  private boolean writeInTransaction(JobStoreWrite write) {
    String jobId = write.jobId();
    JobStatus status = write.status();
    boolean moved = upsertJob(write) > 0;
    if (moved) {
      for (AttemptRecord attempt : status.attempts()) {
        upsertAttempt(jobId, write.sequence(), attempt);
      }
    }
    int storedCalls = count("SELECT count(*) FROM job_calls WHERE job_id = ?", jobId);
    List<ModelCall> calls = status.calls();
    for (int i = storedCalls; i < calls.size(); i++) {
      insertCall(jobId, i, calls.get(i));
    }
    int storedDecisions = count("SELECT count(*) FROM job_decisions WHERE job_id = ?", jobId);
    List<DecisionRecord> decisions = status.decisions();
    for (int i = storedDecisions; i < decisions.size(); i++) {
      insertDecision(jobId, i, decisions.get(i));
    }
    for (JobEvent event : write.events()) {
      insertEvent(jobId, event);
    }
    return moved;
  }

  private int upsertJob(JobStoreWrite write) {
    JobStatus status = write.status();
    JobRequest request = write.request();
    AwaitingApproval awaiting = status.awaiting();
    ArtifactRef prompt = status.prompt();
    ArtifactRef output = status.output();
    return jdbc.sql(UPSERT_JOB)
        .param("jobId", write.jobId())
        .param("sequence", write.sequence())
        .param("hasRequest", request != null)
        .param("outputKind", name(status.outputKind()))
        .param("stage", status.stage().name())
        .param("submitter", request == null ? null : request.submitter())
        .param("tags", textArray(request == null ? null : request.tags()))
        .param("revision", status.revision())
        .param("attempt", status.attempt())
        .param("inputTokens", status.inputTokens())
        .param("outputTokens", status.outputTokens())
        .param("costUsd", status.costUsd())
        .param("promptSha", prompt == null ? null : prompt.sha256())
        .param("promptType", prompt == null ? null : prompt.contentType())
        .param("promptSize", prompt == null ? null : prompt.sizeBytes())
        .param("outputSha", output == null ? null : output.sha256())
        .param("outputType", output == null ? null : output.contentType())
        .param("outputSize", output == null ? null : output.sizeBytes())
        .param("awaitingReason", awaiting == null ? null : name(awaiting.reason()))
        .param("awaitingRevision", awaiting == null ? null : awaiting.revision())
        .param("awaitingSince", awaiting == null ? null : timestamp(awaiting.since()))
        .param("awaitingDeadline", awaiting == null ? null : timestamp(awaiting.deadline()))
        .param("awaitingDetail", awaiting == null ? null : awaiting.detail())
        .param("reason", status.reason())
        .param("request", request == null ? null : toJson(request))
        .param("createdAt", timestamp(status.createdAt()))
        .param("updatedAt", timestamp(status.updatedAt()))
        .param("finishedAt", timestamp(status.finishedAt()))
        .param("profile", request == null ? null : request.profileOrDefault())
        .param(
            "bundleId",
            request == null || request.bundle() == null ? null : request.bundle().bundleId())
        .update();
  }

  private void upsertAttempt(String jobId, long sequence, AttemptRecord attempt) {
    ArtifactRef output = attempt.output();
    var verdict = attempt.verdict();
    jdbc.sql(UPSERT_ATTEMPT)
        .param("jobId", jobId)
        .param("revision", attempt.revision())
        .param("attempt", attempt.attempt())
        .param("sequence", sequence)
        .param("outputSha", output == null ? null : output.sha256())
        .param("outputType", output == null ? null : output.contentType())
        .param("outputSize", output == null ? null : output.sizeBytes())
        .param("feedback", attempt.feedback())
        .param("generatedBy", attempt.generatedBy())
        .param("checkedBy", attempt.checkedBy())
        .param("passed", verdict == null ? null : verdict.passed())
        .param("score", verdict == null ? null : verdict.score())
        .param("issues", verdict == null ? null : textArray(verdict.issues()))
        .param("qaFeedback", verdict == null ? null : verdict.feedback())
        .update();
  }

  private void insertCall(String jobId, int index, ModelCall call) {
    jdbc.sql(INSERT_CALL)
        .param("jobId", jobId)
        .param("index", index)
        .param("step", call.step().name())
        .param("provider", call.provider())
        .param("model", call.model())
        .param("inputTokens", call.inputTokens())
        .param("outputTokens", call.outputTokens())
        .param("costUsd", call.costUsd())
        .param("latencyMs", call.latencyMs())
        .param("fallbacks", textArray(call.fallbacks()))
        .update();
  }

  private void insertDecision(String jobId, int index, DecisionRecord decision) {
    jdbc.sql(INSERT_DECISION)
        .param("jobId", jobId)
        .param("index", index)
        .param("action", name(decision.action()))
        .param("reviewer", decision.reviewer())
        .param("comment", decision.comment())
        .param("regenerate", decision.regenerate())
        .param("revision", decision.revision())
        .param("via", decision.via())
        .param("applied", decision.applied())
        .param("note", decision.note())
        .param("at", timestamp(decision.at()))
        .update();
  }

  private void insertEvent(String jobId, JobEvent event) {
    jdbc.sql(INSERT_EVENT)
        .param("jobId", jobId)
        .param("sequence", event.sequence())
        .param("at", timestamp(event.at()))
        .param("type", event.type().name())
        .param("stage", name(event.stage()))
        .param("revision", event.revision())
        .param("attempt", event.attempt())
        .param("actor", event.actor())
        .param("detail", event.detail())
        .update();
  }

  private int count(String sql, String jobId) {
    return jdbc.sql(sql).param(jobId).query(Integer.class).single();
  }

  private String toJson(JobRequest request) {
    try {
      return json.writeValueAsString(request);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("cannot write the request as JSON", e);
    }
  }
}
