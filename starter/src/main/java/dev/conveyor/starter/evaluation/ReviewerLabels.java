package dev.conveyor.starter.evaluation;

import dev.conveyor.store.JobDetail;
import dev.conveyor.store.JobFilter;
import dev.conveyor.store.JobOrder;
import dev.conveyor.store.JobPage;
import dev.conveyor.store.JobQueries;
import dev.conveyor.store.JobSummary;
import dev.conveyor.workflow.evaluation.ExpectedOutcome;
import dev.conveyor.workflow.evaluation.GoldenCase;
import dev.conveyor.workflow.model.AttemptRecord;
import dev.conveyor.workflow.model.DecisionAction;
import dev.conveyor.workflow.model.DecisionRecord;
import dev.conveyor.workflow.model.JobRequest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Reviewers as the golden set: every output a reviewer approved or rejected, from the job store,
 * labelled with the decision. Decisions by policy or timeout are not a reviewer's and are left out;
 * so are jobs of evaluations, which no human decides.
 */
@Component
public class ReviewerLabels {

  private static final int PAGE = 100;
  private static final Set<String> NOT_A_REVIEWER = Set.of("policy", "timeout");

  private final JobQueries jobs;

  ReviewerLabels(ObjectProvider<JobQueries> jobs) {
    this.jobs = jobs.getIfAvailable();
  }

  /** Returns the outputs reviewers decided on, of jobs created at or after {@code since}. */
  public List<ReviewedOutput> since(Instant since) {
    if (jobs == null) {
      throw new IllegalStateException(
          "no job store is configured: reviewers' decisions live there");
    }
    List<ReviewedOutput> outputs = new ArrayList<>();
    JobFilter ended =
        new JobFilter(null, true, null, null, since, null, null, JobOrder.NEWEST_FIRST);
    for (int page = 0; ; page++) {
      JobPage found = jobs.list(ended, page, PAGE);
      for (JobSummary summary : found.jobs()) {
        jobs.find(summary.jobId()).ifPresent(job -> outputs.addAll(reviewed(job)));
      }
      if ((long) (page + 1) * PAGE >= found.total()) {
        break;
      }
    }
    outputs.sort(Comparator.comparing(ReviewedOutput::at));
    return outputs;
  }

  private static List<ReviewedOutput> reviewed(JobDetail job) {
    JobRequest request = job.request();
    List<ReviewedOutput> outputs = new ArrayList<>();
    if (request == null) {
      return outputs;
    }
    for (DecisionRecord decision : job.decisions()) {
      if (!decision.applied()
          || decision.action() == null
          || decision.reviewer() == null
          || NOT_A_REVIEWER.contains(decision.via())) {
        continue;
      }
      boolean approved = decision.action() == DecisionAction.APPROVE;
      String notes =
          job.summary().jobId()
              + " revision "
              + decision.revision()
              + ": "
              + (approved ? "approved" : "rejected")
              + " by "
              + decision.reviewer()
              + (decision.comment() == null || decision.comment().isBlank()
                  ? ""
                  : ": " + decision.comment());
      GoldenCase golden =
          new GoldenCase(
              request.requirements(),
              request.outputKind(),
              request.qaCriteria(),
              request.language(),
              approved ? ExpectedOutcome.PASS : ExpectedOutcome.FAIL,
              notes);
      outputs.add(
          new ReviewedOutput(
              job.summary().jobId(),
              decision.revision(),
              golden,
              lastScore(job.attempts(), decision.revision()),
              approved,
              decision.at()));
    }
    return outputs;
  }

  /** Returns QA's score of the last output judged in a revision: the one the reviewer saw. */
  private static Double lastScore(List<AttemptRecord> attempts, int revision) {
    return attempts.stream()
        .filter(a -> a.revision() == revision && a.verdict() != null)
        .max(Comparator.comparingInt(AttemptRecord::attempt))
        .map(a -> a.verdict().score())
        .orElse(null);
  }
}
