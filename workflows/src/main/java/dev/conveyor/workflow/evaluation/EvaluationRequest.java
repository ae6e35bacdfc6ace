package dev.conveyor.workflow.evaluation;

import dev.conveyor.workflow.model.ArtifactRef;
import java.util.List;

/**
 * What an evaluation runs.
 *
 * @param goldenSet the golden set as stored JSONL, one case a line
 * @param cases how many cases it holds
 * @param profiles the routing profiles to compare, each run on every case
 * @param concurrency how many child jobs may run at once (default {@value #DEFAULT_CONCURRENCY})
 * @param marginPoints how many points of first-attempt pass rate the verdict's profile may be below
 *     the best (default {@value #DEFAULT_MARGIN_POINTS})
 * @param submitter who started it; its jobs are submitted in that name
 */
public record EvaluationRequest(
    ArtifactRef goldenSet,
    int cases,
    List<String> profiles,
    Integer concurrency,
    Double marginPoints,
    String submitter) {

  public static final int DEFAULT_CONCURRENCY = 4;
  public static final int MAX_CONCURRENCY = 50;
  public static final double DEFAULT_MARGIN_POINTS = 5.0;
  public static final int MAX_CASES = 1_000;
  public static final int MAX_PROFILES = 10;

  public EvaluationRequest {
    profiles = profiles == null ? List.of() : List.copyOf(profiles);
  }

  /** Returns how many child jobs may run at once. */
  public int concurrencyOrDefault() {
    return concurrency == null ? DEFAULT_CONCURRENCY : concurrency;
  }

  /** Returns the verdict's margin in points of pass rate. */
  public double marginOrDefault() {
    return marginPoints == null ? DEFAULT_MARGIN_POINTS : marginPoints;
  }
}
