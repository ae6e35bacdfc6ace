package dev.conveyor.bench;

import dev.conveyor.activities.brief.Briefs;
import dev.conveyor.activities.offline.OfflinePromptWriter;
import dev.conveyor.activities.offline.OfflineTextWriter;
import dev.conveyor.activities.qa.TextChecks;
import dev.conveyor.workflow.model.OutputKind;
import dev.conveyor.workflow.model.QaVerdict;
import java.time.Duration;

/**
 * Row 1a: the pipeline as plain Java calls on the offline models and checks: prompt, then
 * generation and QA until QA passes, then an immediate approval. No artifact store, no Temporal.
 */
public final class PlainPipeline {

  private final OfflinePromptWriter promptWriter = new OfflinePromptWriter(Duration.ZERO);
  private final OfflineTextWriter textWriter = new OfflineTextWriter(Duration.ZERO);
  private final TextChecks checks = new TextChecks();

  /** Runs one job and returns whether its output passed QA. */
  public boolean run() {
    String prompt =
        promptWriter
            .chat(Briefs.promptRequest(Jobs.REQUIREMENTS, OutputKind.TEXT, Jobs.CRITERIA))
            .aiMessage()
            .text();
    String feedback = null;
    for (int attempt = 1; attempt <= Jobs.MAX_QA_ATTEMPTS; attempt++) {
      String output =
          textWriter
              .chat(Briefs.writingRequest(prompt, Jobs.REQUIREMENTS, feedback))
              .aiMessage()
              .text();
      QaVerdict verdict = checks.check(Jobs.REQUIREMENTS, Jobs.CRITERIA, output);
      if (verdict.passed()) {
        return true;
      }
      feedback = verdict.feedback();
    }
    return false;
  }
}
