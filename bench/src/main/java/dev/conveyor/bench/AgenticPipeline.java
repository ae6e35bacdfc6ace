package dev.conveyor.bench;

import dev.conveyor.activities.brief.Briefs;
import dev.conveyor.activities.offline.OfflinePromptWriter;
import dev.conveyor.activities.offline.OfflineTextWriter;
import dev.conveyor.activities.qa.TextChecks;
import dev.conveyor.workflow.model.OutputKind;
import dev.conveyor.workflow.model.QaVerdict;
import dev.langchain4j.agentic.Agent;
import dev.langchain4j.agentic.AgenticServices;
import dev.langchain4j.agentic.UntypedAgent;
import dev.langchain4j.agentic.scope.AgenticScope;
import dev.langchain4j.service.UserMessage;
import dev.langchain4j.service.V;
import java.time.Duration;
import java.util.Map;

/**
 * Row 1b: the same pipeline in LangChain4j's agentic framework: a sequence of a prompt-writer
 * agent, a loop (writer agent, then QA) that exits when QA passes, and a human-in-the-loop step
 * that approves at once. The agents run on the same offline models, and QA on the same checks, as
 * 1a.
 */
public final class AgenticPipeline {

  /** The prompt-writing agent; its user message is the brief the offline prompt writer reads. */
  public interface PromptAgent {
    @UserMessage("{{promptBrief}}")
    @Agent(outputKey = "prompt", description = "Writes the prompt for the writer")
    String writePrompt(@V("promptBrief") String promptBrief);
  }

  /** The writing agent; its user message is the prompt, the requirements and any feedback. */
  public interface WriterAgent {
    @UserMessage("{{writingBrief}}")
    @Agent(outputKey = "output", description = "Writes the text the prompt asks for")
    String write(@V("writingBrief") String writingBrief);
  }

  private final UntypedAgent job;

  /** Builds the agentic system once; it is reused by every job. */
  public AgenticPipeline() {
    TextChecks checks = new TextChecks();
    PromptAgent promptAgent =
        AgenticServices.agentBuilder(PromptAgent.class)
            .chatModel(new OfflinePromptWriter(Duration.ZERO))
            .build();
    WriterAgent writerAgent =
        AgenticServices.agentBuilder(WriterAgent.class)
            .chatModel(new OfflineTextWriter(Duration.ZERO))
            .build();
    UntypedAgent qaLoop =
        AgenticServices.loopBuilder()
            .subAgents(
                AgenticServices.agentAction(AgenticPipeline::writeWritingBrief),
                writerAgent,
                AgenticServices.agentAction(scope -> judge(checks, scope)))
            .maxIterations(Jobs.MAX_QA_ATTEMPTS)
            .exitCondition(scope -> Boolean.TRUE.equals(scope.readState("passed")))
            .build();
    job =
        AgenticServices.sequenceBuilder()
            .subAgents(
                AgenticServices.agentAction(AgenticPipeline::writePromptBrief),
                promptAgent,
                qaLoop,
                AgenticServices.humanInTheLoopBuilder()
                    .description("A reviewer approves the output")
                    .outputKey("decision")
                    .responseProvider(scope -> "APPROVE")
                    .build())
            .outputKey("decision")
            .build();
  }

  /** Runs one job and returns whether its output passed QA and was approved. */
  public boolean run() {
    Object decision = job.invoke(Map.of("requirements", Jobs.REQUIREMENTS));
    return "APPROVE".equals(decision);
  }

  private static void writePromptBrief(AgenticScope scope) {
    String requirements = (String) scope.readState("requirements");
    scope.writeState(
        "promptBrief",
        Briefs.userText(Briefs.promptRequest(requirements, OutputKind.TEXT, Jobs.CRITERIA)));
  }

  private static void writeWritingBrief(AgenticScope scope) {
    String requirements = (String) scope.readState("requirements");
    String prompt = (String) scope.readState("prompt");
    String feedback = (String) scope.readState("feedback", (String) null);
    scope.writeState(
        "writingBrief", Briefs.userText(Briefs.writingRequest(prompt, requirements, feedback)));
  }

  private static void judge(TextChecks checks, AgenticScope scope) {
    String requirements = (String) scope.readState("requirements");
    String output = (String) scope.readState("output");
    QaVerdict verdict = checks.check(requirements, Jobs.CRITERIA, output);
    scope.writeState("passed", verdict.passed());
    scope.writeState("feedback", verdict.feedback());
  }
}
