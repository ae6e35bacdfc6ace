package dev.conveyor.starter.cli;

import dev.conveyor.workflow.model.BundleStage;
import dev.conveyor.workflow.model.BundleStatus;
import dev.conveyor.workflow.model.PartStatus;
import java.io.PrintStream;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * Follows a bundle as {@link JobWatcher} follows a job: polls its status, printing a line when its
 * stage changes and one when a part's state or run changes.
 */
final class BundleWatcher {

  private final ConveyorHttp api;
  private final PrintStream out;
  private final Duration pollInterval;

  BundleWatcher(ConveyorHttp api, PrintStream out, Duration pollInterval) {
    this.api = api;
    this.out = out;
    this.pollInterval = pollInterval;
  }

  /**
   * Polls until the bundle ends, or with {@code untilDecision} until it awaits its decision.
   *
   * @return 0 when the bundle is approved or awaits a decision as asked, 1 when it ended otherwise
   */
  int watch(String bundleId, boolean untilDecision) throws CliException {
    String shown = null;
    Map<String, String> partsShown = new HashMap<>();
    while (true) {
      BundleStatus status = api.bundleStatus(bundleId);
      for (PartStatus part : status.parts()) {
        String line = part(part);
        if (!line.equals(partsShown.put(part.name(), line))) {
          out.println(line);
        }
      }
      String line = stage(status);
      if (!line.equals(shown)) {
        out.println(line);
        shown = line;
      }
      if (status.stage().isFinal()) {
        return status.stage() == BundleStage.APPROVED ? 0 : CliException.FAILURE;
      }
      if (untilDecision && status.stage() == BundleStage.AWAITING_APPROVAL) {
        return 0;
      }
      JobWatcher.pause(pollInterval);
    }
  }

  /** Returns {@code AWAITING_APPROVAL (revision 1): why}, the reason when final or awaiting. */
  private static String stage(BundleStatus status) {
    String line =
        status.stage() + (status.revision() == 0 ? "" : " (revision " + status.revision() + ")");
    boolean explained = status.stage().isFinal() || status.stage() == BundleStage.AWAITING_APPROVAL;
    return explained && status.reason() != null ? line + ": " + status.reason() : line;
  }

  /** Returns {@code part hero PASSED · run 1 · job bundle-1.hero.1}, with why it failed. */
  private static String part(PartStatus part) {
    return "  part "
        + part.name()
        + " "
        + part.state()
        + (part.runs() == 0 ? "" : " · run " + part.runs() + " · job " + part.jobId())
        + (part.reason() == null ? "" : ": " + part.reason());
  }
}
