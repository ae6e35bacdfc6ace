package dev.conveyor.workflow;

import dev.conveyor.workflow.model.AttemptRecord;
import dev.conveyor.workflow.model.ModelCall;
import dev.conveyor.workflow.model.QaVerdict;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/** What a job has produced and spent: its attempts, its model calls, tokens and cost. */
final class JobLedger {

  private final List<AttemptRecord> attempts = new ArrayList<>();
  private final List<ModelCall> calls = new ArrayList<>();
  private long inputTokens;
  private long outputTokens;
  private BigDecimal costUsd = BigDecimal.ZERO;

  /** Adds a model call to the totals. */
  void record(ModelCall call) {
    calls.add(call);
    inputTokens += call.inputTokens();
    outputTokens += call.outputTokens();
    costUsd = costUsd.add(call.costUsd());
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
