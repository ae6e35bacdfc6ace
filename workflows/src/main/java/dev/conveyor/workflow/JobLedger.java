package dev.conveyor.workflow;

import dev.conveyor.workflow.model.AttemptRecord;
import dev.conveyor.workflow.model.ModelCall;
import dev.conveyor.workflow.model.QaVerdict;
import dev.conveyor.workflow.model.Step;
import dev.conveyor.workflow.model.StepUsage;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** What a job has produced and spent: its attempts, its model calls, tokens and cost. */
final class JobLedger {

  private final List<AttemptRecord> attempts = new ArrayList<>();
  private final List<ModelCall> calls = new ArrayList<>();
  private long inputTokens;
  private long outputTokens;
  private BigDecimal costUsd = BigDecimal.ZERO;
  private final Map<Step, StepUsage> byStep = new EnumMap<>(Step.class);

  /** Adds a model call, and what the step's failed calls before it cost, to the totals. */
  void record(ModelCall call) {
    calls.add(call);
    inputTokens += call.inputTokens();
    outputTokens += call.outputTokens();
    costUsd = costUsd.add(call.totalCostUsd());
    byStep.merge(call.step(), StepUsage.NONE.plus(call), (had, one) -> had.plus(call));
  }

  /** Returns what each step used, in step order. */
  Map<Step, StepUsage> usageByStep() {
    return new EnumMap<>(byStep);
  }

  /**
   * Returns the most a call of the step served by the model (or a dated version of it, such as
   * {@code openai/gpt-4o-2024-08-06} for {@code openai/gpt-4o}) has cost, zero when none was made.
   */
  BigDecimal highestCost(Step step, String modelId) {
    BigDecimal highest = BigDecimal.ZERO;
    for (ModelCall call : calls) {
      String served = call.modelId();
      if (call.step() == step && (served.equals(modelId) || served.startsWith(modelId + "-"))) {
        highest = highest.max(call.totalCostUsd());
      }
    }
    return highest;
  }

  /** Returns the newest attempt QA judged in the revision, null when there is none. */
  AttemptRecord latestJudged(int revision) {
    for (int i = attempts.size() - 1; i >= 0; i--) {
      AttemptRecord attempt = attempts.get(i);
      if (attempt.revision() == revision && attempt.verdict() != null) {
        return attempt;
      }
    }
    return null;
  }

  /** Adds a generation that QA has yet to judge. */
  void addAttempt(AttemptRecord attempt) {
    attempts.add(attempt);
  }

  /** Records the verdict on the newest attempt and returns it judged. */
  AttemptRecord judgeLatest(QaVerdict verdict, String checkedBy) {
    int latest = attempts.size() - 1;
    AttemptRecord judged = attempts.get(latest).judged(verdict, checkedBy);
    attempts.set(latest, judged);
    return judged;
  }

  /** Returns how many generations QA has judged. */
  int judgedAttempts() {
    return (int) attempts.stream().filter(attempt -> attempt.verdict() != null).count();
  }

  /** Returns whether paid calls have spent the budget; null means no budget. */
  boolean spent(BigDecimal budgetUsd) {
    return budgetUsd != null && costUsd.signum() > 0 && costUsd.compareTo(budgetUsd) >= 0;
  }

  List<AttemptRecord> attempts() {
    return List.copyOf(attempts);
  }

  List<ModelCall> calls() {
    return List.copyOf(calls);
  }

  long inputTokens() {
    return inputTokens;
  }

  long outputTokens() {
    return outputTokens;
  }

  BigDecimal costUsd() {
    return costUsd;
  }
}
