package dev.conveyor.workflow.model;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * A time the budget changed what a job did.
 *
 * @param step the step whose call did not fit
 * @param revision the revision
 * @param attempt the attempt within the revision, 0 for the prompt
 * @param action what the job did: {@code SWITCH} (economy model), {@code ASK_HUMAN} or {@code STOP}
 * @param estimateUsd the estimate of the call on the step's standard model
 * @param remainingUsd what remained of the budget
 * @param at when it happened
 */
public record BudgetIntervention(
    Step step,
    int revision,
    int attempt,
    BudgetPolicy action,
    BigDecimal estimateUsd,
    BigDecimal remainingUsd,
    Instant at) {}
