package dev.conveyor.activities.prompt;

import dev.conveyor.activities.artifact.ArtifactStore;
import dev.conveyor.activities.brief.Briefs;
import dev.conveyor.activities.model.ModelCatalog;
import dev.conveyor.activities.support.ModelCallFailures;
import dev.conveyor.activities.support.ModelCalls;
import dev.conveyor.workflow.activity.ActivityErrors;
import dev.conveyor.workflow.activity.PromptActivities;
import dev.conveyor.workflow.activity.PromptRequest;
import dev.conveyor.workflow.activity.StepResult;
import dev.conveyor.workflow.model.Step;
import dev.langchain4j.model.chat.response.ChatResponse;
import io.temporal.failure.ApplicationFailure;

/** Writes the prompt with the model of the {@link Step#PROMPT} step and stores it. */
public class PromptActivitiesImpl implements PromptActivities {

  private final ArtifactStore store;
  private final ModelCatalog catalog;

  public PromptActivitiesImpl(ArtifactStore store, ModelCatalog catalog) {
    this.store = store;
    this.catalog = catalog;
  }

  @Override
  public StepResult writePrompt(PromptRequest request) {
    if (request == null || request.requirements() == null || request.outputKind() == null) {
      throw ApplicationFailure.newNonRetryableFailure(
          "a prompt request needs requirements and an output kind", ActivityErrors.INVALID_INPUT);
    }
    try {
      String requirements = store.readText(request.requirements());
      ModelCalls.Outcome<ChatResponse> written =
          ModelCalls.chat(
              catalog,
              Step.PROMPT,
              Briefs.promptRequest(requirements, request.outputKind(), request.qaCriteria()));
      String prompt = written.value().aiMessage().text();
      if (prompt == null || prompt.isBlank()) {
        throw ModelCallFailures.unusableAnswer(
            catalog.describe(Step.PROMPT), "the prompt is empty");
      }
      return new StepResult(store.putText(prompt.strip()), written.call());
    } catch (RuntimeException e) {
      throw ModelCallFailures.translate(e);
    }
  }
}
