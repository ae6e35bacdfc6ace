package dev.conveyor.starter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conveyor.workflow.model.ApprovalReason;
import dev.conveyor.workflow.model.AwaitingApproval;
import dev.conveyor.workflow.model.BudgetIntervention;
import dev.conveyor.workflow.model.BudgetPolicy;
import dev.conveyor.workflow.model.JobStatus;
import dev.conveyor.workflow.model.OutputKind;
import dev.conveyor.workflow.model.Stage;
import dev.conveyor.workflow.model.Step;
import dev.conveyor.workflow.model.StepUsage;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StatusFormatterTests {

  @Test
  void should_show_usage_by_step_the_budget_and_why_the_budget_stopped_the_job() {
    // given
    Instant now = Instant.parse("2026-11-26T12:00:00Z");
    JobStatus status =
        JobStatus.builder()
            .jobId("job-1")
            .outputKind(OutputKind.TEXT)
            .stage(Stage.AWAITING_APPROVAL)
            .attempt(2)
            .inputTokens(180)
            .outputTokens(110)
            .costUsd(new BigDecimal("0.0003"))
            .awaiting(
                new AwaitingApproval(
                    ApprovalReason.BUDGET,
                    0,
                    false,
                    now,
                    now,
                    "the next TEXT_QA call would overrun"))
            .createdAt(now)
            .updatedAt(now)
            .usageByStep(
                Map.of(
                    Step.TEXT_GENERATION,
                    new StepUsage(2, 80, 60, 0, new BigDecimal("0.0002")),
                    Step.PROMPT,
                    new StepUsage(1, 100, 50, 0, new BigDecimal("0.0001"))))
            .budgetUsd(new BigDecimal("0.0004"))
            .budgetPolicy(BudgetPolicy.ASK_HUMAN)
            .budgetInterventions(
                List.of(
                    new BudgetIntervention(
                        Step.TEXT_QA,
                        0,
                        2,
                        BudgetPolicy.ASK_HUMAN,
                        new BigDecimal("0.00031000"),
                        new BigDecimal("0.0001"),
                        now)))
            .build();

    // when
    List<String> lines = StatusFormatter.summary(status);

    // then
    assertThat(lines)
        .contains(
            "budget:   0.0004 USD, policy ASK_HUMAN",
            "why:      the next TEXT_QA call would overrun",
            "usage by step:",
            "  PROMPT           1 call, 100 in, 50 out, 0.0001 USD",
            "  TEXT_GENERATION  2 calls, 80 in, 60 out, 0.0002 USD",
            "budget interventions:",
            "  ASK_HUMAN before TEXT_QA r0 a2: estimate 0.00031 USD, 0.0001 USD left");
    assertThat(lines.indexOf("  PROMPT           1 call, 100 in, 50 out, 0.0001 USD"))
        .isLessThan(lines.indexOf("  TEXT_GENERATION  2 calls, 80 in, 60 out, 0.0002 USD"));
  }
}
