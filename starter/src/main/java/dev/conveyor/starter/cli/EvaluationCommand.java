package dev.conveyor.starter.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * {@code conveyor eval}: runs a golden set against profiles with a progress bar redrawn in place,
 * then saves the report (HTML and Markdown) and prints its path; {@code eval export} prints the
 * reviewers' decisions as a labelled golden set; {@code eval calibrate} prints what each QA score
 * threshold would have sent to a human.
 */
final class EvaluationCommand {

  /** The options of {@code eval}, {@code eval export} and {@code eval calibrate}. */
  static final Map<String, CliArgs.Kind> OPTIONS =
      Map.of(
          "url", CliArgs.Kind.VALUE,
          "profiles", CliArgs.Kind.VALUE,
          "margin", CliArgs.Kind.VALUE,
          "concurrency", CliArgs.Kind.VALUE,
          "out", CliArgs.Kind.VALUE,
          "since", CliArgs.Kind.VALUE);

  private static final int BAR = 30;

  private final ConveyorHttp api;
  private final PrintStream out;
  private final PrintStream err;
  private final Duration pollInterval;

  EvaluationCommand(ConveyorHttp api, PrintStream out, PrintStream err, Duration pollInterval) {
    this.api = api;
    this.out = out;
    this.err = err;
    this.pollInterval = pollInterval;
  }

  int run(CliArgs args) throws CliException {
    String first = args.single("a golden set file, or export, or calibrate");
    return switch (first) {
      case "export" -> export(args);
      case "calibrate" -> calibrate(args);
      default -> evaluate(Path.of(first), args);
    };
  }

  private int evaluate(Path goldenSet, CliArgs args) throws CliException {
    String jsonl;
    try {
      jsonl = Files.readString(goldenSet, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw CliException.usage("cannot read the golden set " + goldenSet + ": " + e.getMessage());
    }
    Map<String, String> query = new LinkedHashMap<>();
    query.put("profiles", args.value("profiles") == null ? "default" : args.value("profiles"));
    put(query, "margin", args.value("margin"));
    put(query, "concurrency", args.value("concurrency"));
    JsonNode started = api.startEvaluation(jsonl, query);
    String id = started.path("evaluationId").asString();
    err.println("evaluation " + id + ": " + started.path("cases").asInt() + " cases");
    JsonNode progress = api.evaluation(id);
    while (progress.path("stage").asString().equals("RUNNING")
        || progress.path("stage").asString().equals("REPORTING")) {
      err.print("\r" + bar(progress));
      JobWatcher.pause(pollInterval);
      progress = api.evaluation(id);
    }
    err.println("\r" + bar(progress));
    String stage = progress.path("stage").asString();
    if (!stage.equals("DONE")) {
      err.println(
          "conveyor: evaluation "
              + id
              + " ended "
              + stage
              + ": "
              + progress.path("reason").asString());
      return CliException.FAILURE;
    }
    Path dir = Path.of(args.value("out") == null ? "data/evaluations/" + id : args.value("out"));
    Path html = save(dir.resolve("report.html"), api.evaluationFile(id + "/report.html", Map.of()));
    save(dir.resolve("report.md"), api.evaluationFile(id + "/report.md", Map.of()));
    out.println(progress.path("report").path("verdict").asString());
    out.println(html.toAbsolutePath());
    return 0;
  }

  private int export(CliArgs args) throws CliException {
    byte[] jsonl = api.evaluationFile("export", Map.of("since", args.required("since")));
    String to = args.value("out");
    if (to == null) {
      out.print(new String(jsonl, StandardCharsets.UTF_8));
    } else {
      out.println(save(Path.of(to), jsonl).toAbsolutePath());
    }
    return 0;
  }

  private int calibrate(CliArgs args) throws CliException {
    String body =
        new String(
            api.evaluationFile("calibration", Map.of("since", args.required("since"))),
            StandardCharsets.UTF_8);
    JsonNode calibration = tools.jackson.databind.json.JsonMapper.builder().build().readTree(body);
    out.printf(
        Locale.ROOT,
        "%d outputs reviewed, %d rejected%nthreshold  seen        caught%n",
        calibration.path("reviewed").asInt(),
        calibration.path("rejected").asInt());
    for (JsonNode row : calibration.path("thresholds")) {
      out.printf(
          Locale.ROOT,
          "%9.1f  %4d %5.1f%%  %4d %5.1f%%%n",
          row.path("threshold").asDouble(),
          row.path("seen").asInt(),
          row.path("seenPercent").asDouble(),
          row.path("caught").asInt(),
          row.path("caughtPercent").asDouble());
    }
    return 0;
  }

  /** Returns the progress as one line: a bar of the cases done over all profiles, then each. */
  static String bar(JsonNode progress) {
    int cases = progress.path("cases").asInt();
    List<String> profiles =
        progress.path("profiles").valueStream().map(JsonNode::asString).toList();
    int total = cases * profiles.size();
    int done = 0;
    StringBuilder each = new StringBuilder();
    for (String profile : profiles) {
      int finished = progress.path("done").path(profile).asInt();
      done += finished;
      each.append("  ").append(profile).append(' ').append(finished).append('/').append(cases);
    }
    int filled = total == 0 ? 0 : BAR * done / total;
    return "["
        + "#".repeat(filled)
        + ".".repeat(BAR - filled)
        + "] "
        + done
        + "/"
        + total
        + each
        + "  "
        + progress.path("stage").asString();
  }

  private static void put(Map<String, String> query, String name, String value) {
    if (value != null) {
      query.put(name, value);
    }
  }

  private static Path save(Path file, byte[] content) throws CliException {
    try {
      if (file.getParent() != null) {
        Files.createDirectories(file.getParent());
      }
      return Files.write(file, content);
    } catch (IOException e) {
      throw new CliException(CliException.FAILURE, "cannot write " + file + ": " + e.getMessage());
    }
  }
}
