package dev.conveyor.activities.generation;

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
import dev.conveyor.workflow.activity.GenerationActivities;
import dev.conveyor.workflow.activity.GenerationRequest;
import dev.conveyor.workflow.activity.StepResult;
import dev.conveyor.workflow.model.ArtifactRef;
import dev.conveyor.workflow.model.Step;
import dev.langchain4j.data.image.Image;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.Response;
import io.temporal.failure.ApplicationFailure;

/**
 * Generates outputs: text with the chat models of {@link Step#TEXT_GENERATION}, images with the
 * image models of {@link Step#IMAGE_GENERATION}, each the first of the step's chain that serves
 * (see {@link ModelChain}). An image answered as base64 is decoded, one answered as a URL is
 * downloaded; either way the bytes go to the artifact store. The text writer gets the prompt, the
 * original requirements and any feedback; the image model gets the prompt and any feedback. Outputs
 * are stored by content, so a retried generation that produces the same bytes stores nothing new.
 */
public class GenerationActivitiesImpl implements GenerationActivities {

  private final ArtifactStore store;
  private final ModelCatalog catalog;
  private final ImageFetcher fetcher;
  private final CallRecorder recorder;

  public GenerationActivitiesImpl(ArtifactStore store, ModelCatalog catalog) {
    this(store, catalog, CallRecorder.logOnly());
  }

  public GenerationActivitiesImpl(
      ArtifactStore store, ModelCatalog catalog, CallRecorder recorder) {
    this.store = store;
    this.catalog = catalog;
    this.fetcher = new ImageFetcher();
    this.recorder = recorder;
  }

  @Override
  public StepResult generateText(GenerationRequest request) {
    validate(request);
    try {
      String prompt = store.readText(request.prompt());
      String requirements = store.readText(request.requirements());
      ChatRequest brief = Briefs.writingRequest(prompt, requirements, request.feedback());
      ModelCalls.Outcome<String> written =
          ModelChain.run(
              catalog,
              recorder,
              site(Step.TEXT_GENERATION, request),
              turn -> {
                ModelCalls.Outcome<ChatResponse> answer = turn.chat(brief);
                return new ModelCalls.Outcome<>(
                    ModelAnswers.text(turn, answer.value(), "the text is empty"), answer.call());
              });
      return new StepResult(store.putText(written.value()), written.call());
    } catch (RuntimeException e) {
      throw ModelCallFailures.translate(e);
    }
  }

  @Override
  public StepResult generateImage(GenerationRequest request) {
    validate(request);
    try {
      String prompt = Briefs.imagePrompt(store.readText(request.prompt()), request.feedback());
      ModelCalls.Outcome<ImageFetcher.Fetched> painted =
          ModelChain.run(
              catalog,
              recorder,
              site(Step.IMAGE_GENERATION, request),
              turn -> {
                ModelCalls.Outcome<Response<Image>> answer = turn.image(prompt);
                Image image = answer.value().content();
                ImageFetcher.Fetched fetched =
                    turn.whileRunning(
                        "download",
                        () ->
                            fetcher.bytesOf(
                                turn.modelId(), image, turn.route().settings().timeout()));
                return new ModelCalls.Outcome<>(fetched, answer.call());
              });
      ArtifactRef ref = store.put(painted.value().bytes(), painted.value().contentType());
      return new StepResult(ref, painted.call());
    } catch (RuntimeException e) {
      throw ModelCallFailures.translate(e);
    }
  }

  private static CallSite site(Step step, GenerationRequest request) {
    return new CallSite(
        step, request.tier(), request.revision(), request.attempt(), request.profile());
  }

  private static void validate(GenerationRequest request) {
    if (request == null || request.prompt() == null || request.requirements() == null) {
      throw ApplicationFailure.newNonRetryableFailure(
          "a generation request needs a prompt and requirements", ActivityErrors.INVALID_INPUT);
    }
  }
}
