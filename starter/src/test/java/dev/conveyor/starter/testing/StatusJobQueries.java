package dev.conveyor.starter.testing;

import dev.conveyor.starter.client.JobClient;
import dev.conveyor.store.JobDetail;
import dev.conveyor.store.JobFilter;
import dev.conveyor.store.JobOrder;
import dev.conveyor.store.JobPage;
import dev.conveyor.store.JobQueries;
import dev.conveyor.store.JobSummary;
import dev.conveyor.store.TimelineEvent;
import dev.conveyor.store.TimelineEventType;
import dev.conveyor.workflow.JobDataConverter;
import dev.conveyor.workflow.model.DecisionRecord;
import dev.conveyor.workflow.model.JobRequest;
import dev.conveyor.workflow.model.JobStatus;
import io.temporal.api.common.v1.Payloads;
import io.temporal.client.WorkflowClient;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A test double of the job store for the starter's slice tests: it answers from the workflow itself
 * (the request from the start event of the history, the rest from the {@code status} query), so it
 * is always current. {@link #list} covers the jobs {@link #find} has seen or a test has {@linkplain
 * #track tracked}.
 */
public class StatusJobQueries implements JobQueries {

  private final JobClient jobs;
  private final WorkflowClient client;
  private final Set<String> tracked = ConcurrentHashMap.newKeySet();

  public StatusJobQueries(JobClient jobs, WorkflowClient client) {
    this.jobs = jobs;
    this.client = client;
  }

  /** Makes a job part of listings. */
  public void track(String jobId) {
    tracked.add(jobId);
  }

  @Override
  public JobPage list(JobFilter filter, int page, int size) {
    List<JobSummary> matching = new ArrayList<>();
    for (String jobId : tracked) {
      find(jobId)
          .map(JobDetail::summary)
          .filter(job -> matches(filter, job))
          .ifPresent(matching::add);
    }
    matching.sort(
        filter.order() == JobOrder.OLDEST_AWAITING_FIRST
            ? Comparator.comparing(JobSummary::awaitingSince)
            : Comparator.comparing(JobSummary::createdAt).reversed());
    int from = Math.min(page * size, matching.size());
    return new JobPage(
        matching.subList(from, Math.min(from + size, matching.size())),
        page,
        size,
        matching.size());
  }

  @Override
  public Optional<JobDetail> find(String jobId) {
    JobRequest request;
    JobStatus status;
    try {
      Payloads input =
          client
              .fetchHistory(jobId)
              .getEvents()
              .get(0)
              .getWorkflowExecutionStartedEventAttributes()
              .getInput();
      request =
          JobDataConverter.create()
              .fromPayloads(0, Optional.of(input), JobRequest.class, JobRequest.class);
      status = jobs.status(jobId);
    } catch (RuntimeException unknown) {
      return Optional.empty();
    }
    tracked.add(jobId);
    return Optional.of(detail(request, status));
  }

  private static JobDetail detail(JobRequest request, JobStatus status) {
    JobSummary summary =
        new JobSummary(
            status.jobId(),
            status.outputKind(),
            status.stage(),
            request.submitter(),
            request.tags(),
            status.revision(),
            status.costUsd(),
            status.awaiting() == null ? null : status.awaiting().reason(),
            status.awaiting() == null ? null : status.awaiting().since(),
            status.awaiting() == null ? null : status.awaiting().deadline(),
            status.createdAt(),
            status.updatedAt(),
            status.finishedAt());
    List<TimelineEvent> timeline = new ArrayList<>();
    timeline.add(
        new TimelineEvent(
            status.createdAt(),
            TimelineEventType.SUBMITTED,
            null,
            0,
            0,
            request.submitter(),
            "submitted"));
    for (DecisionRecord decision : status.decisions()) {
      timeline.add(
          new TimelineEvent(
              decision.at(),
              TimelineEventType.DECISION,
              null,
              decision.revision(),
              0,
              decision.reviewer(),
              decision.action() + " " + (decision.comment() == null ? "" : decision.comment())));
    }
    return new JobDetail(
        summary,
        request,
        status.prompt(),
        status.output(),
        status.reason(),
        status.attempts(),
        status.calls(),
        status.decisions(),
        timeline);
  }

  private static boolean matches(JobFilter filter, JobSummary job) {
    Instant before = filter.awaitingSinceBefore();
    return (filter.stage() == null || filter.stage() == job.stage())
        && (filter.tag() == null || job.tags().contains(filter.tag()))
        && (filter.submitter() == null || filter.submitter().equals(job.submitter()))
        && (before == null
            || (job.awaitingSince() != null && job.awaitingSince().isBefore(before)));
  }
}
