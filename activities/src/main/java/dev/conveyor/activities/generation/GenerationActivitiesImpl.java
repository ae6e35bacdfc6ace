package dev.conveyor.activities.generation;

import dev.conveyor.activities.artifact.ArtifactStore;
import dev.conveyor.activities.brief.Briefs;
import dev.conveyor.activities.model.ModelCatalog;
import dev.conveyor.activities.support.Heartbeats;
import dev.conveyor.activities.support.ModelCallFailures;
import dev.conveyor.activities.support.ModelCalls;
import dev.conveyor.workflow.activity.ActivityErrors;
import dev.conveyor.workflow.activity.GenerationActivities;
import dev.conveyor.workflow.activity.GenerationRequest;
import dev.conveyor.workflow.activity.StepResult;
import dev.conveyor.workflow.model.ArtifactRef;
import dev.conveyor.workflow.model.Step;
import dev.langchain4j.data.image.Image;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.FinishReason;
import dev.langchain4j.model.output.Response;
import io.temporal.failure.ApplicationFailure;

/**
 * Generates outputs: text with the chat model of {@link Step#TEXT_GENERATION}, images with the
 * image model of {@link Step#IMAGE_GENERATION}. The text writer gets the prompt, the original
 * requirements and any feedback; the image model gets the prompt and any feedback. Outputs are
 * stored by content, so a retried generation that produces the same bytes stores nothing new.
 */
public class GenerationActivitiesImpl implements GenerationActivities {

  private final ArtifactStore store;
  private final ModelCatalog catalog;
  private final ImageFetcher fetcher;

  public GenerationActivitiesImpl(ArtifactStore store, ModelCatalog catalog) {
    this.store = store;
    this.catalog = catalog;
    this.fetcher = new ImageFetcher();
  }

  @Override
  public StepResult generateText(GenerationRequest request) {
    validate(request);
    try {
      String prompt = store.readText(request.prompt());
      String requirements = store.readText(request.requirements());
      ModelCalls.Outcome<ChatResponse> written =
          ModelCalls.chat(
              catalog,
              Step.TEXT_GENERATION,
              Briefs.writingRequest(prompt, requirements, request.feedback()));
      ChatResponse response = written.value();
      if (response.finishReason() == FinishReason.CONTENT_FILTER) {
        throw ApplicationFailure.newNonRetryableFailure(
            catalog.describe(Step.TEXT_GENERATION) + " filtered the content",
            ActivityErrors.MODEL_REJECTED);
      }
      String text = response.aiMessage().text();
      if (text == null || text.isBlank()) {
        throw ModelCallFailures.unusableAnswer(
            catalog.describe(Step.TEXT_GENERATION), "the text is empty");
      }
      return new StepResult(store.putText(text.strip()), written.call());
    } catch (RuntimeException e) {
      throw ModelCallFailures.translate(e);
    }
  }

  @Override
  public StepResult generateImage(GenerationRequest request) {
    validate(request);
    try {
      String prompt = Briefs.imagePrompt(store.readText(request.prompt()), request.feedback());
      ModelCalls.Outcome<Response<Image>> painted =
          ModelCalls.image(catalog, Step.IMAGE_GENERATION, prompt);
      Image image = painted.value().content();
      ImageFetcher.Fetched fetched =
          Heartbeats.whileRunning(
              "IMAGE_GENERATION download",
              () -> fetcher.bytesOf(image, catalog.settings(Step.IMAGE_GENERATION).timeout()));
      ArtifactRef ref = store.put(fetched.bytes(), fetched.contentType());
      return new StepResult(ref, painted.call());
    } catch (RuntimeException e) {
      throw ModelCallFailures.translate(e);
    }
  }

  private static void validate(GenerationRequest request) {
    if (request == null || request.prompt() == null || request.requirements() == null) {
      throw ApplicationFailure.newNonRetryableFailure(
          "a generation request needs a prompt and requirements", ActivityErrors.INVALID_INPUT);
    }
  }
}
