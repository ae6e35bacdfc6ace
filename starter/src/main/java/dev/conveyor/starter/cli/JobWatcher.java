package dev.conveyor.starter.cli;

import dev.conveyor.workflow.model.AttemptRecord;
import dev.conveyor.workflow.model.JobStatus;
import dev.conveyor.workflow.model.Stage;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;

/** Follows a job by polling its status, printing a line for each change. */
final class JobWatcher {

  private final ConveyorHttp api;
  private final PrintStream out;
  private final Duration pollInterval;

  JobWatcher(ConveyorHttp api, PrintStream out, Duration pollInterval) {
    this.api = api;
    this.out = out;
    this.pollInterval = pollInterval;
  }

  /**
   * Polls until the job ends, or with {@code untilDecision} until it awaits a decision, printing
   * each change of stage or attempt and each QA verdict.
   *
   * @return 0 when the job is approved or awaits a decision as asked, 1 when it ended otherwise
   */
  int watch(String jobId, boolean untilDecision) throws CliException {
    String shown = null;
    int verdictsShown = 0;
    while (true) {
      JobStatus status = api.status(jobId);
      List<AttemptRecord> attempts = status.attempts() == null ? List.of() : status.attempts();
      int judged = judged(attempts);
      for (int i = verdictsShown; i < judged; i++) {
        out.println("  QA " + StatusFormatter.attempt(attempts.get(i)));
      }
      verdictsShown = Math.max(verdictsShown, judged);
      String line = status.stage() + progress(status);
      if (status.stage().isFinal()) {
        line += status.reason() == null ? "" : ": " + status.reason();
      } else if (status.awaiting() != null) {
        line += ": awaiting " + StatusFormatter.awaiting(status.awaiting());
      }
      if (!line.equals(shown)) {
        out.println(line);
        shown = line;
      }
      if (status.stage().isFinal()) {
        return status.stage() == Stage.APPROVED ? 0 : CliException.FAILURE;
      }
      if (untilDecision && status.stage() == Stage.AWAITING_APPROVAL) {
        return 0;
      }
      sleep();
    }
  }

  /** Returns {@code " (revision 1, attempt 2)"} while the job works, empty otherwise. */
  static String progress(JobStatus status) {
    if (status.stage().isFinal() || status.attempt() == 0) {
      return "";
    }
    return " (revision " + status.revision() + ", attempt " + status.attempt() + ")";
  }

  /** Returns how many attempts, from the first, have a QA verdict. */
  private static int judged(List<AttemptRecord> attempts) {
    int judged = 0;
    while (judged < attempts.size() && attempts.get(judged).verdict() != null) {
      judged++;
    }
    return judged;
  }

  private void sleep() throws CliException {
    pause(pollInterval);
  }

  /** Waits between two polls of Conveyor. */
  static void pause(Duration pollInterval) throws CliException {
    try {
      Thread.sleep(pollInterval.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CliException(CliException.FAILURE, "interrupted");
    }
  }
}
