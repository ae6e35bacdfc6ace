package dev.conveyor.bench;

import dev.conveyor.activities.artifact.ArtifactActivitiesImpl;
import dev.conveyor.activities.generation.GenerationActivitiesImpl;
import dev.conveyor.activities.prompt.PromptActivitiesImpl;
import dev.conveyor.activities.qa.QaActivitiesImpl;
import dev.conveyor.activities.routing.RoutingActivitiesImpl;
import dev.conveyor.workflow.activity.GenerationRequest;
import dev.conveyor.workflow.activity.PromptRequest;
import dev.conveyor.workflow.activity.QaRequest;
import dev.conveyor.workflow.activity.QaResult;
import dev.conveyor.workflow.activity.StepResult;
import dev.conveyor.workflow.model.ArtifactRef;
import dev.conveyor.workflow.model.OutputKind;

/**
 * Row 1a': the workflow's sequence of activity calls made as plain Java calls on the real activity
 * implementations (artifact store included), without Temporal. Its difference to 1c is what
 * Temporal itself costs.
 */
public final class ActivityPipeline {

  private final RoutingActivitiesImpl routing;
  private final ArtifactActivitiesImpl artifacts;
  private final PromptActivitiesImpl prompts;
  private final GenerationActivitiesImpl generation;
  private final QaActivitiesImpl qa;

  ActivityPipeline(OfflineActivities activities) {
    this.routing = activities.routing();
    this.artifacts = activities.artifacts();
    this.prompts = activities.prompts();
    this.generation = activities.generation();
    this.qa = activities.qa();
  }

  /** Runs one job and returns whether its output passed QA. */
  public boolean run() {
    routing.describeRoutes();
    ArtifactRef requirements = artifacts.storeText(Jobs.REQUIREMENTS);
    StepResult prompt =
        prompts.writePrompt(new PromptRequest(requirements, OutputKind.TEXT, Jobs.CRITERIA));
    String feedback = null;
    for (int attempt = 1; attempt <= Jobs.MAX_QA_ATTEMPTS; attempt++) {
      StepResult output =
          generation.generateText(
              new GenerationRequest(prompt.artifact(), requirements, feedback, 0, attempt));
      QaResult judged =
          qa.checkText(new QaRequest(output.artifact(), requirements, Jobs.CRITERIA, 0, attempt));
      if (judged.verdict().passed()) {
        return true;
      }
      feedback = judged.verdict().feedback();
    }
    return false;
  }
}
