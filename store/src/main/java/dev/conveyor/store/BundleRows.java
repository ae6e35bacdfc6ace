package dev.conveyor.store;

import static dev.conveyor.store.SqlValues.instant;
import static dev.conveyor.store.SqlValues.name;
import static dev.conveyor.store.SqlValues.textArray;
import static dev.conveyor.store.SqlValues.timestamp;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.conveyor.workflow.activity.BundleEvent;
import dev.conveyor.workflow.activity.BundleStoreWrite;
import dev.conveyor.workflow.activity.JobEventType;
import dev.conveyor.workflow.model.BundleDecision;
import dev.conveyor.workflow.model.BundleRequest;
import dev.conveyor.workflow.model.BundleStage;
import dev.conveyor.workflow.model.BundleStatus;
import dev.conveyor.workflow.model.PartStatus;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The bundles' rows: one per bundle (its parts and decisions as JSON, the way its status holds
 * them) and its events. Writes only move a row forward, as for jobs.
 */
final class BundleRows {

  private static final String UPSERT_BUNDLE =
      """
      INSERT INTO bundles (bundle_id, last_sequence, stage, submitter, tags, revision,
          consistency_runs, cost_usd, budget_usd, awaiting_since, awaiting_deadline, decided_by,
          reason, parts, decisions, request, created_at, updated_at, finished_at)
      VALUES (:bundleId, :sequence, :stage, :submitter, :tags, :revision, :consistencyRuns,
          :costUsd, :budgetUsd, :awaitingSince, :awaitingDeadline, :decidedBy, :reason,
          CAST(:parts AS jsonb), CAST(:decisions AS jsonb), CAST(:request AS jsonb), :createdAt,
          :updatedAt, :finishedAt)
      ON CONFLICT (bundle_id) DO UPDATE SET
          last_sequence = EXCLUDED.last_sequence, stage = EXCLUDED.stage,
          submitter = CASE WHEN :hasRequest THEN EXCLUDED.submitter ELSE bundles.submitter END,
          tags = CASE WHEN :hasRequest THEN EXCLUDED.tags ELSE bundles.tags END,
          revision = EXCLUDED.revision, consistency_runs = EXCLUDED.consistency_runs,
          cost_usd = EXCLUDED.cost_usd, budget_usd = EXCLUDED.budget_usd,
          awaiting_since = EXCLUDED.awaiting_since,
          awaiting_deadline = EXCLUDED.awaiting_deadline, decided_by = EXCLUDED.decided_by,
          reason = EXCLUDED.reason, parts = EXCLUDED.parts, decisions = EXCLUDED.decisions,
          request = CASE WHEN :hasRequest THEN EXCLUDED.request ELSE bundles.request END,
          created_at = EXCLUDED.created_at, updated_at = EXCLUDED.updated_at,
          finished_at = EXCLUDED.finished_at
      WHERE bundles.last_sequence < EXCLUDED.last_sequence
      """;

  private static final String INSERT_EVENT =
      """
      INSERT INTO bundle_events (bundle_id, sequence, at, type, stage, revision, actor, detail)
      VALUES (:bundleId, :sequence, :at, :type, :stage, :revision, :actor, :detail)
      ON CONFLICT DO NOTHING
      """;

  private static final TypeReference<List<PartStatus>> PARTS = new TypeReference<>() {};
  private static final TypeReference<List<BundleDecision>> DECISIONS = new TypeReference<>() {};

  private final JdbcClient jdbc;
  private final ObjectMapper json;

  BundleRows(JdbcClient jdbc, ObjectMapper json) {
    this.jdbc = jdbc;
    this.json = json;
  }

  /** Writes the bundle's row when the write is newer than the stored one, and its new events. */
  boolean write(BundleStoreWrite write) {
    BundleStatus status = write.status();
    BundleRequest request = write.request();
    boolean moved =
        jdbc.sql(UPSERT_BUNDLE)
                .param("bundleId", write.bundleId())
                .param("sequence", write.sequence())
                .param("hasRequest", request != null)
                .param("stage", status.stage().name())
                .param("submitter", request == null ? null : request.submitter())
                .param("tags", textArray(request == null ? null : request.tags()))
                .param("revision", status.revision())
                .param("consistencyRuns", status.consistencyRuns())
                .param("costUsd", status.costUsd())
                .param("budgetUsd", status.budgetUsd())
                .param("awaitingSince", timestamp(status.awaitingSince()))
                .param("awaitingDeadline", timestamp(status.deadline()))
                .param("decidedBy", status.decidedBy())
                .param("reason", status.reason())
                .param("parts", toJson(status.parts()))
                .param("decisions", toJson(status.decisions()))
                .param("request", request == null ? null : toJson(request))
                .param("createdAt", timestamp(status.createdAt()))
                .param("updatedAt", timestamp(status.updatedAt()))
                .param("finishedAt", timestamp(status.finishedAt()))
                .update()
            > 0;
    for (BundleEvent event : write.events()) {
      jdbc.sql(INSERT_EVENT)
          .param("bundleId", write.bundleId())
          .param("sequence", event.sequence())
          .param("at", timestamp(event.at()))
          .param("type", event.type().name())
          .param("stage", name(event.stage()))
          .param("revision", event.revision())
          .param("actor", event.actor())
          .param("detail", event.detail())
          .update();
    }
    return moved;
  }

  /** Returns the bundle as its last write left it, with its timeline. */
  Optional<StoredBundle> find(String bundleId) {
    return jdbc.sql("SELECT * FROM bundles WHERE bundle_id = ?")
        .param(bundleId)
        .query((row, n) -> stored(row))
        .optional();
  }

  private StoredBundle stored(ResultSet row) throws SQLException {
    String request = row.getString("request");
    BundleRequest stored = request == null ? null : fromJson(request, BundleRequest.class);
    BundleStatus status =
        new BundleStatus(
            row.getString("bundle_id"),
            BundleStage.valueOf(row.getString("stage")),
            row.getInt("revision"),
            row.getInt("consistency_runs"),
            fromJson(row.getString("parts"), PARTS),
            row.getBigDecimal("cost_usd").stripTrailingZeros(),
            row.getBigDecimal("budget_usd") == null
                ? null
                : row.getBigDecimal("budget_usd").stripTrailingZeros(),
            instant(row, "awaiting_since"),
            instant(row, "awaiting_deadline"),
            fromJson(row.getString("decisions"), DECISIONS),
            row.getString("decided_by"),
            row.getString("reason"),
            instant(row, "created_at"),
            instant(row, "updated_at"),
            instant(row, "finished_at"),
            row.getString("submitter"));
    return new StoredBundle(status, stored, timeline(status.bundleId()));
  }

  private List<BundleEvent> timeline(String bundleId) {
    return jdbc.sql("SELECT * FROM bundle_events WHERE bundle_id = ? ORDER BY sequence")
        .param(bundleId)
        .query(
            (row, n) ->
                new BundleEvent(
                    row.getLong("sequence"),
                    JobEventType.valueOf(row.getString("type")),
                    instant(row, "at"),
                    BundleStage.valueOf(row.getString("stage")),
                    row.getInt("revision"),
                    row.getString("actor"),
                    row.getString("detail")))
        .list();
  }

  private String toJson(Object value) {
    try {
      return json.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("cannot write the bundle's state as JSON", e);
    }
  }

  private <T> T fromJson(String text, Class<T> type) {
    try {
      return json.readValue(text, type);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("the stored bundle is not readable as " + type, e);
    }
  }

  private <T> T fromJson(String text, TypeReference<T> type) {
    try {
      return json.readValue(text, type);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("the stored bundle is not readable", e);
    }
  }
}
