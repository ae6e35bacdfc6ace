package dev.conveyor.workflow.activity;

import dev.conveyor.workflow.model.ModelCall;
import dev.conveyor.workflow.model.QaVerdict;
import java.util.List;

/**
 * What the cross-part check found.
 *
 * @param verdicts a verdict for each part that uses others: a passing one under the part checked, a
 *     failing one under the part at fault
 * @param calls the calls that judged, the deterministic checks as zero-cost calls
 */
public record ConsistencyResult(List<PartVerdict> verdicts, List<ModelCall> calls) {

  public ConsistencyResult {
    verdicts = verdicts == null ? List.of() : List.copyOf(verdicts);
    calls = calls == null ? List.of() : List.copyOf(calls);
  }

  /**
   * The verdict on one part.
   *
   * @param part the part's name: the part checked when the verdict passes, the part that must
   *     change when it fails
   * @param verdict whether it agrees with the parts it uses; the feedback says what to change
   */
  public record PartVerdict(String part, QaVerdict verdict) {}
}
