package dev.conveyor.starter.cli;

import dev.conveyor.store.ItemKind;
import dev.conveyor.store.JobPage;
import dev.conveyor.store.JobSummary;
import dev.conveyor.store.TimelineEvent;
import dev.conveyor.workflow.activity.BundleEvent;
import dev.conveyor.workflow.activity.JobEventType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Writes what the job store holds for people: a listing with one job or bundle a line, and
 * timelines.
 */
final class HistoryFormatter {

  private HistoryFormatter() {}

  /** Returns one line per job, then a line that tells where the page is in the whole listing. */
  static List<String> listing(JobPage page) {
    List<String> lines = new ArrayList<>();
    page.jobs().forEach(job -> lines.add(job(job)));
    lines.add(position(page));
    return lines;
  }

  /**
   * Returns {@code job-1 AWAITING_APPROVAL TEXT r0 0.003 USD by alice created 2026-...Z awaiting
   * POLICY since 2026-...Z tags a, b}; a bundle shows its own stage, and {@code BUNDLE} where a job
   * shows its output kind.
   */
  static String job(JobSummary job) {
    boolean bundle = job.kind() == ItemKind.BUNDLE;
    StringBuilder line =
        new StringBuilder(job.jobId())
            .append("  ")
            .append(String.format(Locale.ROOT, "%-17s", bundle ? job.bundleStage() : job.stage()))
            .append("  ")
            .append(bundle ? ItemKind.BUNDLE : job.outputKind())
            .append("  r")
            .append(job.revision())
            .append("  ")
            .append(job.costUsd().toPlainString())
            .append(" USD  by ")
            .append(job.submitter() == null ? "unknown" : job.submitter())
            .append("  created ")
            .append(job.createdAt());
    if (bundle && job.awaitingSince() != null) {
      line.append("  awaiting decision since ").append(job.awaitingSince());
    } else if (job.awaitingReason() != null) {
      line.append("  awaiting ")
          .append(job.awaitingReason())
          .append(" since ")
          .append(job.awaitingSince());
    }
    if (job.finishedAt() != null) {
      line.append("  finished ").append(job.finishedAt());
    }
    if (!job.tags().isEmpty()) {
      line.append("  tags ").append(String.join(", ", job.tags()));
    }
    return line.toString();
  }

  /** Returns {@code jobs 21-40 of 57; next page: --page 2}, or why the page is empty. */
  static String position(JobPage page) {
    if (page.total() == 0) {
      return "no jobs match";
    }
    long pages = (page.total() + page.size() - 1) / page.size();
    if (page.jobs().isEmpty()) {
      return "no jobs on page "
          + page.page()
          + ": "
          + page.total()
          + " jobs match, on pages 0 to "
          + (pages - 1);
    }
    long first = (long) page.page() * page.size() + 1;
    long last = first + page.jobs().size() - 1;
    String line = "jobs " + first + "-" + last + " of " + page.total();
    return page.page() + 1 < pages ? line + "; next page: --page " + (page.page() + 1) : line;
  }

  /** Returns {@code 2026-...Z MODEL_CALL GENERATE r0 a1 by alice: detail}. */
  static String event(TimelineEvent event) {
    return event(
        event.at(),
        event.type(),
        String.valueOf(event.stage()),
        " r" + event.revision() + " a" + event.attempt(),
        event.actor(),
        event.detail());
  }

  /** Returns {@code 2026-...Z PART RUNNING r0: part hero PASSED · run 1 · job ...}. */
  static String event(BundleEvent event) {
    return event(
        event.at(),
        event.type(),
        String.valueOf(event.stage()),
        " r" + event.revision(),
        event.actor(),
        event.detail());
  }

  private static String event(
      Instant at, JobEventType type, String stage, String position, String actor, String detail) {
    StringBuilder line =
        new StringBuilder(String.valueOf(at))
            .append("  ")
            .append(String.format(Locale.ROOT, "%-11s", type))
            .append(" ")
            .append(String.format(Locale.ROOT, "%-17s", stage))
            .append(position);
    if (actor != null) {
      line.append("  by ").append(actor);
    }
    if (detail != null && !detail.isBlank()) {
      line.append(actor == null ? "  " : ": ").append(detail);
    }
    return line.toString();
  }
}
