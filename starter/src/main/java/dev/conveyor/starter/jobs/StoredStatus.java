package dev.conveyor.starter.jobs;

import dev.conveyor.store.JobDetail;
import dev.conveyor.store.JobSummary;
import dev.conveyor.workflow.model.JobRequest;
import dev.conveyor.workflow.model.JobStatus;
import dev.conveyor.workflow.model.ModelCall;
import dev.conveyor.workflow.model.Step;
import dev.conveyor.workflow.model.StepUsage;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * A job's status as the job store recorded it, in the shape of the workflow's own answer. The store
 * keeps no budget interventions apart from the timeline, so that list is empty; the models are the
 * ones the job's calls used.
 */
final class StoredStatus {

  private StoredStatus() {}

  static JobStatus of(JobDetail job) {
    JobSummary summary = job.summary();
    JobRequest request = job.request() == null ? null : job.request().withDefaults();
    return new JobStatus(
        summary.jobId(),
        summary.outputKind(),
        summary.stage(),
        summary.revision(),
        job.attempt(),
        models(job.calls()),
        job.prompt(),
        job.output(),
        job.attempts(),
        job.calls(),
        job.inputTokens(),
        job.outputTokens(),
        summary.costUsd(),
        job.awaiting(),
        job.decisions(),
        job.reason(),
        summary.createdAt(),
        summary.updatedAt(),
        summary.finishedAt(),
        usage(job.calls()),
        request == null ? null : request.budgetUsd(),
        request == null ? null : request.budgetPolicy(),
        List.of(),
        request == null ? null : request.profileOrDefault());
  }

  /** The model that served each step last. */
  private static Map<Step, String> models(List<ModelCall> calls) {
    Map<Step, String> models = new EnumMap<>(Step.class);
    calls.forEach(call -> models.put(call.step(), call.modelId()));
    return models;
  }

  private static Map<Step, StepUsage> usage(List<ModelCall> calls) {
    Map<Step, StepUsage> usage = new EnumMap<>(Step.class);
    calls.forEach(
        call ->
            usage.compute(
                call.step(), (step, sum) -> (sum == null ? StepUsage.NONE : sum).plus(call)));
    return usage;
  }
}
