package dev.conveyor.starter.cli;

import dev.conveyor.client.BundleClient;
import dev.conveyor.client.StartedBundle;
import dev.conveyor.workflow.model.BundleDecision;
import dev.conveyor.workflow.model.BundleStatus;
import dev.conveyor.workflow.model.DecisionAction;
import dev.conveyor.workflow.model.PartRejection;
import dev.conveyor.workflow.model.PartStatus;
import dev.conveyor.workflow.model.QaVerdict;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The commands on bundles: {@code submit --bundle FILE [--key K]}, and {@code status}, {@code
 * timeline}, {@code approve}, {@code reject}, {@code output} and {@code cancel} given a bundle id
 * ({@code watch} is {@link BundleWatcher}) ({@value BundleClient#BUNDLE_ID_PREFIX}...), each one
 * call to {@code /api/bundles}.
 */
final class BundleCommands {

  private final ConveyorHttp api;
  private final PrintStream out;
  private final PrintStream err;

  BundleCommands(ConveyorHttp api, PrintStream out, PrintStream err) {
    this.api = api;
    this.out = out;
    this.err = err;
  }

  /** Returns whether an id names a bundle rather than a job. */
  static boolean isBundle(String id) {
    return id.startsWith(BundleClient.BUNDLE_ID_PREFIX);
  }

  /**
   * Sends the bundle request of a JSON file as it is, with the idempotency key when given, and
   * prints the bundle's id; a key that names an existing bundle says so on the error stream.
   */
  int submit(String file, String idempotencyKey) throws CliException {
    String request;
    try {
      request = Files.readString(Path.of(file));
    } catch (IOException e) {
      throw CliException.usage("cannot read --bundle " + file + ": " + e);
    }
    StartedBundle started = api.submitBundle(request, idempotencyKey);
    if (!started.created()) {
      err.println("conveyor: the key names an existing bundle, " + started.bundleId());
    }
    out.println(started.bundleId());
    return 0;
  }

  /** Prints every event the job store recorded for the bundle, oldest first. */
  int timeline(String bundleId) throws CliException {
    ConveyorHttp.BundleTimeline timeline = api.bundleTimeline(bundleId);
    out.println(timeline.bundleId() + " " + timeline.stage());
    timeline.events().forEach(event -> out.println("  " + HistoryFormatter.event(event)));
    return 0;
  }

  int status(String bundleId) throws CliException {
    lines(api.bundleStatus(bundleId)).forEach(out::println);
    return 0;
  }

  /**
   * Approves every part, or rejects: with parts, sends each back with the comment; without, rejects
   * the bundle for good.
   */
  int decide(String bundleId, DecisionAction action, String comment, List<String> parts)
      throws CliException {
    if (action == DecisionAction.APPROVE && !parts.isEmpty()) {
      throw CliException.usage("--part is for reject: an approval takes every part");
    }
    List<PartRejection> rejected = new ArrayList<>();
    parts.forEach(part -> rejected.add(new PartRejection(part, comment)));
    BundleStatus status =
        api.decideBundle(
            bundleId, new BundleDecision(action, null, parts.isEmpty() ? comment : null, rejected));
    out.println(status.bundleId() + " " + status.stage() + " (revision " + status.revision() + ")");
    return 0;
  }

  int output(String bundleId, Path target) throws CliException {
    ConveyorHttp.Download zip = api.bundleOutput(bundleId);
    try {
      Files.write(target, zip.bytes());
    } catch (IOException e) {
      throw new CliException(CliException.FAILURE, "cannot write " + target + ": " + e);
    }
    out.println("wrote " + zip.bytes().length + " bytes (" + zip.contentType() + ") to " + target);
    return 0;
  }

  int cancel(String bundleId) throws CliException {
    api.cancelBundle(bundleId);
    out.println(bundleId + " cancel requested: the bundle and its running parts end CANCELLED");
    return 0;
  }

  /** Returns the bundle's status: its stage and cost, then one line per part. */
  static List<String> lines(BundleStatus status) {
    List<String> lines = new ArrayList<>();
    lines.add(
        status.bundleId()
            + " "
            + status.stage()
            + " · revision "
            + status.revision()
            + " · "
            + status.costUsd().toPlainString()
            + " USD"
            + (status.reason() == null ? "" : " · " + status.reason()));
    for (PartStatus part : status.parts()) {
      lines.add(
          "  "
              + part.name()
              + " "
              + part.outputKind()
              + (part.language() == null ? "" : " " + part.language())
              + " "
              + part.state()
              + " · run "
              + part.runs()
              + verdict("QA", part.verdict())
              + verdict("cross-part", part.consistency())
              + (part.fileName() == null ? "" : " · " + part.fileName())
              + " · "
              + part.costUsd().toPlainString()
              + " USD"
              + (part.reason() == null ? "" : " · " + part.reason()));
    }
    return lines;
  }

  private static String verdict(String check, QaVerdict verdict) {
    if (verdict == null) {
      return "";
    }
    return " · " + check + " " + (verdict.passed() ? "passed" : "failed") + " " + verdict.score();
  }
}
