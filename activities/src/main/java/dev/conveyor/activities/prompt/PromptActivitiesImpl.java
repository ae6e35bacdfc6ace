package dev.conveyor.activities.prompt;

import dev.conveyor.activities.artifact.ArtifactStore;
import dev.conveyor.activities.brief.Briefs;
import dev.conveyor.activities.catalog.ModelCatalog;
import dev.conveyor.activities.modelcall.CallSite;
import dev.conveyor.activities.modelcall.ModelAnswers;
import dev.conveyor.activities.modelcall.ModelCallFailures;
import dev.conveyor.activities.modelcall.ModelCalls;
import dev.conveyor.activities.modelcall.ModelChain;
import dev.conveyor.activities.observability.CallRecorder;
import dev.conveyor.workflow.activity.ActivityErrors;
import dev.conveyor.workflow.activity.PromptActivities;
import dev.conveyor.workflow.activity.PromptRequest;
import dev.conveyor.workflow.activity.StepResult;
import dev.conveyor.workflow.model.Step;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import io.temporal.failure.ApplicationFailure;
import java.util.List;

/**
 * Writes the prompt with the models of the {@link Step#PROMPT} step (the first that serves, see
 * {@link ModelChain}) and stores it. A bundle's part that uses TEXT parts has their texts in its
 * brief, and its stored prompt carries each of them word for word.
 */
public class PromptActivitiesImpl implements PromptActivities {

  private final ArtifactStore store;
  private final ModelCatalog catalog;
  private final CallRecorder recorder;

  public PromptActivitiesImpl(ArtifactStore store, ModelCatalog catalog) {
    this(store, catalog, CallRecorder.logOnly());
  }

  public PromptActivitiesImpl(ArtifactStore store, ModelCatalog catalog, CallRecorder recorder) {
    this.store = store;
    this.catalog = catalog;
    this.recorder = recorder;
  }

  @Override
  public StepResult writePrompt(PromptRequest request) {
    if (request == null || request.requirements() == null || request.outputKind() == null) {
      throw ApplicationFailure.newNonRetryableFailure(
          "a prompt request needs requirements and an output kind", ActivityErrors.INVALID_INPUT);
    }
    try {
      String requirements = store.readText(request.requirements());
      List<String> followed = request.followedTexts().stream().map(store::readText).toList();
      ChatRequest brief =
          Briefs.promptRequest(
              requirements,
              request.outputKind(),
              request.qaCriteria(),
              request.language(),
              followed);
      ModelCalls.Outcome<String> written =
          ModelChain.run(
              catalog,
              recorder,
              new CallSite(Step.PROMPT, request.tier(), 0, 0, request.profile()),
              turn -> {
                ModelCalls.Outcome<ChatResponse> answer = turn.chat(brief);
                return new ModelCalls.Outcome<>(
                    ModelAnswers.text(turn, answer.value(), "the prompt is empty"), answer.call());
              });
      String prompt = Briefs.carryingTexts(written.value(), followed);
      return new StepResult(store.putText(prompt), written.call());
    } catch (RuntimeException e) {
      throw ModelCallFailures.translate(e);
    }
  }
}
