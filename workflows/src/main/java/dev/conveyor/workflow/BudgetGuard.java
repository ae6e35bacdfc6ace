package dev.conveyor.workflow;

import dev.conveyor.workflow.activity.BudgetSheet;
import dev.conveyor.workflow.activity.BudgetSheet.CallPrice;
import dev.conveyor.workflow.model.BudgetIntervention;
import dev.conveyor.workflow.model.BudgetPolicy;
import dev.conveyor.workflow.model.JobRequest;
import dev.conveyor.workflow.model.ModelTier;
import dev.conveyor.workflow.model.Step;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Keeps a job within its budget. Before each model call the workflow asks it which tier the call
 * may use. The estimate of a call is the {@link BudgetSheet}'s (expected tokens at the model's
 * prices), or, when higher, the most a call of the same step on the same model has cost in this job
 * so far. When the estimate exceeds what remains of the budget, the job's {@link BudgetPolicy}
 * decides: switch to the economy model, ask a human, or stop. Each such intervention is recorded.
 *
 * <p>Jobs started before the budget sheet existed keep the old rule: they stop once their calls
 * have spent the budget.
 */
final class BudgetGuard {

  private final BudgetSheet sheet;
  private final BigDecimal grant;
  private final BudgetPolicy policy;
  private final List<BudgetIntervention> interventions = new ArrayList<>();
  private BigDecimal budgetUsd;

  private BudgetGuard(BudgetSheet sheet, BigDecimal budgetUsd, BudgetPolicy policy) {
    this.sheet = sheet;
    this.grant = budgetUsd;
    this.budgetUsd = budgetUsd;
    this.policy = policy;
  }

  /** Returns the guard of a job started before budget estimates: it stops once spent. */
  static BudgetGuard spendingOnly(JobRequest request) {
    return new BudgetGuard(null, request.budgetUsd(), BudgetPolicy.STOP);
  }

  /** Returns the guard of a job: its own budget and policy, or the sheet's defaults. */
  static BudgetGuard estimating(BudgetSheet sheet, JobRequest request) {
    BigDecimal budget =
        request.budgetUsd() != null ? request.budgetUsd() : sheet.defaultBudgetUsd();
    BudgetPolicy policy =
        request.budgetPolicy() != null ? request.budgetPolicy() : sheet.defaultPolicy();
    return new BudgetGuard(sheet, budget, policy);
  }

  /**
   * Returns the tier the next call of a step may use.
   *
   * @throws Exhausted when the job must stop
   * @throws AskHuman when a human must decide whether to spend more
   */
  ModelTier beforeCall(Step step, JobLedger ledger, int revision, int attempt, Instant now) {
    if (budgetUsd == null) {
      return ModelTier.STANDARD;
    }
    if (sheet == null) {
      if (ledger.spent(budgetUsd)) {
        throw new Exhausted(
            "budget of " + budgetUsd + " USD spent (" + ledger.costUsd() + " USD) before " + step);
      }
      return ModelTier.STANDARD;
    }
    BigDecimal remaining = budgetUsd.subtract(ledger.costUsd());
    BigDecimal estimate = estimate(step, ModelTier.STANDARD, ledger);
    if (fits(estimate, remaining)) {
      return ModelTier.STANDARD;
    }
    String overrun =
        "the next "
            + step
            + " call (estimate "
            + plain(estimate)
            + " USD on "
            + modelOf(step, ModelTier.STANDARD)
            + ") would overrun the budget: "
            + plain(remaining.max(BigDecimal.ZERO))
            + " of "
            + plain(budgetUsd)
            + " USD remain";
    BudgetPolicy action = policy;
    if (action == BudgetPolicy.SWITCH) {
      if (fits(estimate(step, ModelTier.ECONOMY, ledger), remaining)) {
        record(step, revision, attempt, BudgetPolicy.SWITCH, estimate, remaining, now);
        return ModelTier.ECONOMY;
      }
      action = BudgetPolicy.STOP;
      overrun += ", and so would " + modelOf(step, ModelTier.ECONOMY);
    }
    record(step, revision, attempt, action, estimate, remaining, now);
    if (action == BudgetPolicy.ASK_HUMAN) {
      throw new AskHuman(overrun);
    }
    throw new Exhausted(overrun);
  }

  /**
   * Grants the job another budget of its original size on top of what it has spent: a reviewer
   * asked for a new revision after the budget stopped the job.
   */
  void grantAnother(JobLedger ledger) {
    if (grant != null) {
      budgetUsd = ledger.costUsd().add(grant);
    }
  }

  /** Returns the budget now in force, null for no limit. */
  BigDecimal budgetUsd() {
    return budgetUsd;
  }

  /** Returns the policy in force. */
  BudgetPolicy policy() {
    return policy;
  }

  /** Returns every intervention, in order. */
  List<BudgetIntervention> interventions() {
    return List.copyOf(interventions);
  }

  /** Returns the newest intervention, null when there is none. */
  BudgetIntervention latest() {
    return interventions.isEmpty() ? null : interventions.get(interventions.size() - 1);
  }

  private BigDecimal estimate(Step step, ModelTier tier, JobLedger ledger) {
    CallPrice price = sheet.price(step, tier);
    if (price == null) {
      return BigDecimal.ZERO;
    }
    return price.estimateUsd().max(ledger.highestCost(step, price.model()));
  }

  private String modelOf(Step step, ModelTier tier) {
    CallPrice price = sheet.price(step, tier);
    return price == null ? "an unpriced model" : price.model();
  }

  private static String plain(BigDecimal usd) {
    return usd.stripTrailingZeros().toPlainString();
  }

  /** A free call always fits; a paid one fits when it leaves the budget at zero or above. */
  private static boolean fits(BigDecimal estimate, BigDecimal remaining) {
    return estimate.signum() == 0 || estimate.compareTo(remaining) <= 0;
  }

  private void record(
      Step step,
      int revision,
      int attempt,
      BudgetPolicy action,
      BigDecimal estimate,
      BigDecimal remaining,
      Instant now) {
    interventions.add(
        new BudgetIntervention(step, revision, attempt, action, estimate, remaining, now));
    JobMetrics.budgetIntervention(step, action);
  }

  /** Thrown inside the workflow when the job must stop for its budget. */
  static final class Exhausted extends RuntimeException {
    Exhausted(String message) {
      super(message, null, false, false);
    }
  }

  /** Thrown inside the workflow when a human must decide whether the job may spend more. */
  static final class AskHuman extends RuntimeException {
    AskHuman(String message) {
      super(message, null, false, false);
    }
  }
}
