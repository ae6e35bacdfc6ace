package dev.conveyor.activities.evaluation;

import dev.conveyor.workflow.evaluation.ExpectedOutcome;
import dev.conveyor.workflow.model.Stage;
import dev.conveyor.workflow.model.Step;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * One case on one profile, as the report counts it.
 *
 * @param caseNumber the case's number in the golden set, from 1
 * @param profile the routing profile
 * @param jobId the child job
 * @param state how the job ended
 * @param expected the label, null when the case has none
 * @param notes the case's notes
 * @param scores QA's score of each attempt, in order
 * @param passed QA's verdict of each attempt, in order
 * @param costUsd what the job spent
 * @param latenciesMs each call's latency, per step
 * @param fallbacks how many models were skipped before the ones that served
 */
public record CaseResult(
    int caseNumber,
    String profile,
    String jobId,
    Stage state,
    ExpectedOutcome expected,
    String notes,
    List<Double> scores,
    List<Boolean> passed,
    BigDecimal costUsd,
    Map<Step, List<Long>> latenciesMs,
    int fallbacks) {

  public CaseResult {
    scores = List.copyOf(scores);
    passed = List.copyOf(passed);
    latenciesMs = Map.copyOf(latenciesMs);
    costUsd = costUsd == null ? BigDecimal.ZERO : costUsd;
  }

  /** Returns whether QA passed the first attempt. */
  public boolean passedFirst() {
    return !passed.isEmpty() && passed.get(0);
  }

  /** Returns whether QA passed any attempt. */
  public boolean passedWithin() {
    return passed.contains(Boolean.TRUE);
  }

  /** Returns how many attempts QA judged. */
  public int attempts() {
    return passed.size();
  }

  /** Returns the first attempt's score, null when nothing was judged. */
  public Double firstScore() {
    return scores.isEmpty() ? null : scores.get(0);
  }
}
