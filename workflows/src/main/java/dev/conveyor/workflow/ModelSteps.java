package dev.conveyor.workflow;

import dev.conveyor.workflow.activity.CodeActivities;
import dev.conveyor.workflow.activity.CodeGenerationRequest;
import dev.conveyor.workflow.activity.CodeQaRequest;
import dev.conveyor.workflow.activity.GenerationActivities;
import dev.conveyor.workflow.activity.GenerationRequest;
import dev.conveyor.workflow.activity.PromptActivities;
import dev.conveyor.workflow.activity.PromptRequest;
import dev.conveyor.workflow.activity.QaActivities;
import dev.conveyor.workflow.activity.QaRequest;
import dev.conveyor.workflow.activity.QaResult;
import dev.conveyor.workflow.activity.StepResult;
import dev.conveyor.workflow.model.ArtifactRef;
import dev.conveyor.workflow.model.AttemptRecord;
import dev.conveyor.workflow.model.BundleContext;
import dev.conveyor.workflow.model.JobPriority;
import dev.conveyor.workflow.model.ModelTier;
import dev.conveyor.workflow.model.OutputKind;
import dev.conveyor.workflow.model.Step;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.Priority;
import io.temporal.workflow.Workflow;
import java.util.List;
import org.slf4j.Logger;

/**
 * The job's three model steps: writing the prompt, generating an output (text, an image or code)
 * and judging it. Each asks the budget which tier it may use (which may stop the job or ask a
 * human), calls its activity with a summary naming the model, and records the call in the job's
 * state.
 */
final class ModelSteps {

  /** Logs under the workflow's name, as the job always has, so log filters keep working. */
  private static final Logger log = Workflow.getLogger(JobWorkflowImpl.class);

  private final JobState job;

  ModelSteps(JobState job) {
    this.job = job;
  }

  /** Writes the prompt from the stored requirements and the QA criteria. */
  void writePrompt() {
    ModelTier tier = job.budgetFor(Step.PROMPT);
    StepResult written =
        stub(PromptActivities.class, JobActivityOptions.PROMPT, Step.PROMPT)
            .writePrompt(
                new PromptRequest(
                    job.requirements(),
                    job.outputKind(),
                    job.request().qaCriteria(),
                    named(tier),
                    job.request().codeLanguage(),
                    job.request().profile(),
                    followedTexts()));
    job.prompt(written.artifact());
    job.record(written.call());
  }

  /**
   * Returns the texts a TEXT or IMAGE part of a bundle follows: the outputs of the TEXT parts it
   * uses, which its prompt carries. A CODE part receives them with its code spec instead; a job
   * outside a bundle follows none.
   */
  private List<ArtifactRef> followedTexts() {
    BundleContext bundle = job.request().bundle();
    if (bundle == null || job.outputKind() == OutputKind.CODE) {
      return List.of();
    }
    return bundle.texts();
  }

  /** Generates the current attempt's output with the feedback, for QA to judge. */
  void generate(String feedback) {
    Step step = Step.generationFor(job.outputKind());
    if (job.attempt() > 1) {
      JobMetrics.qaRetry(step);
    }
    ModelTier tier = job.budgetFor(step);
    StepResult generated =
        job.outputKind() == OutputKind.CODE
            ? generateCode(step, feedback, tier)
            : generateTextOrImage(step, feedback, tier);
    job.record(generated.call());
    job.generated(
        AttemptRecord.generated(
            job.revision(),
            job.attempt(),
            generated.artifact(),
            feedback,
            generated.call().modelId()));
  }

  /** Judges the newest output and returns its attempt with the verdict. */
  AttemptRecord judge() {
    Step step = Step.qaFor(job.outputKind());
    ModelTier tier = job.budgetFor(step);
    QaResult judged =
        job.outputKind() == OutputKind.CODE ? checkCode(step, tier) : checkTextOrImage(step, tier);
    job.record(judged.call());
    AttemptRecord attempt = job.judged(judged.verdict(), judged.call().modelId());
    JobMetrics.qaVerdict(step, judged.verdict().passed());
    log.info(
        "job {} revision {} attempt {}: QA {} (score {})",
        job.jobId(),
        job.revision(),
        job.attempt(),
        judged.verdict().passed() ? "passed" : "failed",
        judged.verdict().score());
    return attempt;
  }

  private StepResult generateTextOrImage(Step step, String feedback, ModelTier tier) {
    GenerationActivities generation =
        stub(GenerationActivities.class, JobActivityOptions.GENERATION, step);
    GenerationRequest request =
        new GenerationRequest(
            job.prompt(),
            job.requirements(),
            feedback,
            job.revision(),
            job.attempt(),
            named(tier),
            job.request().profile());
    return job.outputKind() == OutputKind.IMAGE
        ? generation.generateImage(request)
        : generation.generateText(request);
  }

  /** Generates code; the stub is made here, so jobs of other kinds never see it. */
  private StepResult generateCode(Step step, String feedback, ModelTier tier) {
    return stub(CodeActivities.class, JobActivityOptions.GENERATION, step)
        .generateCode(
            new CodeGenerationRequest(
                job.prompt(),
                job.requirements(),
                job.codeSpec(),
                feedback,
                job.revision(),
                job.attempt(),
                named(tier),
                job.request().profile()));
  }

  private QaResult checkTextOrImage(Step step, ModelTier tier) {
    QaActivities qa = stub(QaActivities.class, JobActivityOptions.QA, step);
    QaRequest request =
        new QaRequest(
            job.output(),
            job.requirements(),
            job.request().qaCriteria(),
            job.revision(),
            job.attempt(),
            named(tier),
            job.request().profile());
    return job.outputKind() == OutputKind.IMAGE ? qa.checkImage(request) : qa.checkText(request);
  }

  /**
   * Checks code: the parser first, whose messages become the verdict's feedback, then the judge.
   */
  private QaResult checkCode(Step step, ModelTier tier) {
    return stub(CodeActivities.class, JobActivityOptions.QA, step)
        .checkCode(
            new CodeQaRequest(
                job.output(),
                job.requirements(),
                job.request().qaCriteria(),
                job.codeSpec(),
                job.revision(),
                job.attempt(),
                named(tier),
                job.request().profile()));
  }

  private <T> T stub(Class<T> activities, ActivityOptions options, Step step) {
    ActivityOptions.Builder call =
        options.toBuilder().setSummary(JobVisibility.activitySummary(job, step));
    Integer key = priorityKey();
    if (key != null) {
      call.setPriority(Priority.newBuilder().setPriorityKey(key).build());
    }
    return Workflow.newActivityStub(activities, call.build());
  }

  /**
   * Returns the task priority key of the job's model calls now: a revision a reviewer asked for
   * runs first, then the job's own priority; null for NORMAL, which leaves the server's default.
   * Replay does not compare an activity's priority, so histories recorded without one replay.
   */
  private Integer priorityKey() {
    if (job.revision() > 0) {
      return JobPriority.REVISION_KEY;
    }
    JobPriority priority = job.request().priority();
    return priority == null || priority == JobPriority.NORMAL ? null : priority.key();
  }

  /** Returns the tier as a request names it: null for the standard tier. */
  private static ModelTier named(ModelTier tier) {
    return tier == ModelTier.STANDARD ? null : tier;
  }
}
