package dev.conveyor.starter.cli;

import dev.conveyor.client.StartedJob;
import dev.conveyor.starter.cli.CliArgs.Kind;
import dev.conveyor.starter.security.ApiKeys;
import dev.conveyor.workflow.model.ApprovalPolicy;
import dev.conveyor.workflow.model.BudgetPolicy;
import dev.conveyor.workflow.model.Decision;
import dev.conveyor.workflow.model.DecisionAction;
import dev.conveyor.workflow.model.ExpiryAction;
import dev.conveyor.workflow.model.JobPriority;
import dev.conveyor.workflow.model.JobRequest;
import dev.conveyor.workflow.model.JobStatus;
import dev.conveyor.workflow.model.OutputKind;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/**
 * The {@code conveyor} command line. Each command is one or a few calls to the REST API at {@code
 * --url}, {@code CONVEYOR_URL} or {@value #DEFAULT_URL}; {@link #USAGE} lists the commands, their
 * options and the exit codes, and {@code docs/cli.md} explains them.
 *
 * <p>Every request carries the API key of {@code CONVEYOR_API_KEY} (default {@value
 * #DEFAULT_API_KEY}) in the {@code X-API-Key} header; the key's name is the submitter of the jobs
 * and the reviewer of the decisions it sends.
 */
public final class ConveyorCli {

  public static final String DEFAULT_URL = "http://localhost:8080";

  /** The development key the local stack accepts; replace it everywhere else. */
  public static final String DEFAULT_API_KEY = "local-dev-key";

  /** The commands; any other first argument starts the web application. */
  public static final List<String> COMMANDS =
      List.of(
          "submit",
          "status",
          "watch",
          "approve",
          "reject",
          "cancel",
          "output",
          "list",
          "timeline",
          "resubmit",
          "eval",
          "hash-key",
          "hash-password",
          "help");

  static final String USAGE =
      """
      usage: conveyor <command> [options]

      commands:
        submit    --bundle FILE [--key IDEMPOTENCY_KEY]
                  starts a bundle from the JSON request in FILE ({"parts": [...]}) and prints
                  its id; status, watch, timeline, approve, reject, output and cancel take a
                  bundle id too
        submit    --requirements TEXT | --requirements-file FILE  --kind TEXT|IMAGE|CODE
                  [--language html|json|sql|java] [--json-schema FILE]
                  [--criterion C]... [--policy ALWAYS|WHEN_QA_FAILS|BELOW_SCORE|NEVER]
                  [--max-qa-attempts N] [--max-revisions N] [--score-threshold X]
                  [--timeout PT72H] [--on-expiry EXPIRE|AUTO_APPROVE] [--budget USD]
                  [--budget-policy SWITCH|ASK_HUMAN|STOP] [--priority HIGH|NORMAL|BULK]
                  [--profile NAME] [--tag T]... [--key IDEMPOTENCY_KEY]
                  starts a job and prints its id
        status    JOB_ID
                  prints the job's stage, attempts, verdicts, models, tokens, cost and decisions
        watch     JOB_ID [--until-decision]
                  prints each change until the job ends, or until it awaits a decision; for a
                  bundle id, its stage and each part's state as they change
        approve   JOB_ID [--comment C]
                  approves the output awaiting a decision and prints the job's stage
        reject    JOB_ID --comment C [--regenerate]
                  rejects it; with --regenerate the comment feeds a new revision
        reject    BUNDLE_ID --comment C [--part NAME]...
                  sends the named parts (and the parts using them) back with the comment;
                  without --part, rejects the bundle for good
        cancel    JOB_ID
                  asks a running job to stop; it ends CANCELLED
        output    JOB_ID --to FILE
                  downloads the job's newest output into FILE; for a bundle, the zip of every
                  part with its manifest
        list      [--inbox]
                  [--state running|finished|APPROVED|REJECTED|FAILED|EXPIRED|CANCELLED|LOST]
                  [--stage STAGE] [--tag T] [--submitter NAME] [--created-from INSTANT]
                  [--created-to INSTANT] [--awaiting-for PT24H] [--order newest|oldest-awaiting]
                  [--page N] [--size N] [--kind job|bundle] [--bundle BUNDLE_ID]
                  lists jobs and bundles from the job store, newest first, 20 a page (a bundle
                  shows BUNDLE where a job shows its output kind, and stands for its parts'
                  jobs: --bundle lists those); --inbox lists what awaits a decision, the
                  longest wait first
        timeline  JOB_ID|BUNDLE_ID
                  prints every event the job store recorded for the job or bundle, oldest first
        eval      GOLDEN_SET.jsonl [--profiles default,economy] [--margin 5] [--concurrency 4]
                  [--out DIR]
                  runs every case on every profile with a progress bar, saves report.html and
                  report.md (in data/evaluations/EVALUATION_ID unless --out) and prints the path
        eval export --since 2026-11-01 [--out FILE]
                  the outputs reviewers decided on since the date, as a labelled golden set
        eval calibrate --since 2026-11-01
                  for each QA score threshold, the outputs a human would have seen and the
                  rejections the judge would have caught
        resubmit  JOB_ID [--key IDEMPOTENCY_KEY]
                  starts a LOST job again from its stored request and prints the new job's id
        hash-key KEY
                  prints the SHA-256 that configuration holds for an API key
        hash-password PASSWORD
                  prints the {bcrypt} hash that configuration holds for a console user
        help      prints this text

      Every command that calls Conveyor takes --url URL; without it the address is CONVEYOR_URL,
      else http://localhost:8080. Every request sends the API key in CONVEYOR_API_KEY (default
      local-dev-key) as X-API-Key. The key's name is the submitter of the jobs and the reviewer of
      the decisions it sends, so submit, approve and reject take no --submitter or --reviewer.
      The key's roles say what it may do: submit and resubmit need submitter, approve and reject reviewer,
      cancel admin; reading (status, watch, output, list, timeline) needs any of the three.

      exit codes:
        0  done; watch: the job or bundle was approved, or awaits a decision with
           --until-decision
        1  Conveyor cannot be reached or failed; watch: the job or bundle ended other than
           approved
        2  usage error or invalid request (HTTP 400, 413)
        3  no such job (HTTP 404)
        4  conflict: a decision out of turn, a job that already ended, a reused idempotency key
           (HTTP 409, 422)
        5  not authenticated or not allowed (HTTP 401, 403)
      """;

  static final Map<String, Map<String, Kind>> OPTIONS =
      Map.of(
          "submit",
          Map.ofEntries(
              Map.entry("url", Kind.VALUE),
              Map.entry("requirements", Kind.VALUE),
              Map.entry("requirements-file", Kind.VALUE),
              Map.entry("kind", Kind.VALUE),
              Map.entry("language", Kind.VALUE),
              Map.entry("json-schema", Kind.VALUE),
              Map.entry("criterion", Kind.REPEATED),
              Map.entry("policy", Kind.VALUE),
              Map.entry("max-qa-attempts", Kind.VALUE),
              Map.entry("max-revisions", Kind.VALUE),
              Map.entry("score-threshold", Kind.VALUE),
              Map.entry("timeout", Kind.VALUE),
              Map.entry("on-expiry", Kind.VALUE),
              Map.entry("budget", Kind.VALUE),
              Map.entry("budget-policy", Kind.VALUE),
              Map.entry("priority", Kind.VALUE),
              Map.entry("tag", Kind.REPEATED),
              Map.entry("key", Kind.VALUE),
              Map.entry("bundle", Kind.VALUE),
              Map.entry("profile", Kind.VALUE)),
          "status",
          Map.of("url", Kind.VALUE),
          "approve",
          Map.of("url", Kind.VALUE, "comment", Kind.VALUE),
          "reject",
          Map.of(
              "url", Kind.VALUE,
              "comment", Kind.VALUE,
              "regenerate", Kind.FLAG,
              "part", Kind.REPEATED),
          "watch",
          Map.of("url", Kind.VALUE, "until-decision", Kind.FLAG),
          "output",
          Map.of("url", Kind.VALUE, "to", Kind.VALUE),
          "cancel",
          Map.of("url", Kind.VALUE),
          "timeline",
          Map.of("url", Kind.VALUE),
          "list",
          Map.ofEntries(
              Map.entry("url", Kind.VALUE),
              Map.entry("inbox", Kind.FLAG),
              Map.entry("state", Kind.VALUE),
              Map.entry("stage", Kind.VALUE),
              Map.entry("tag", Kind.VALUE),
              Map.entry("submitter", Kind.VALUE),
              Map.entry("created-from", Kind.VALUE),
              Map.entry("created-to", Kind.VALUE),
              Map.entry("awaiting-for", Kind.VALUE),
              Map.entry("order", Kind.VALUE),
              Map.entry("page", Kind.VALUE),
              Map.entry("size", Kind.VALUE),
              Map.entry("kind", Kind.VALUE),
              Map.entry("bundle", Kind.VALUE)),
          "resubmit",
          Map.of("url", Kind.VALUE, "key", Kind.VALUE));

  private final PrintStream out;
  private final PrintStream err;
  private final Map<String, String> env;
  private final Duration pollInterval;

  public ConveyorCli(
      PrintStream out, PrintStream err, Map<String, String> env, Duration pollInterval) {
    this.out = out;
    this.err = err;
    this.env = env;
    this.pollInterval = pollInterval;
  }

  /** Returns a command line on the process's streams and environment, polling twice a second. */
  public static ConveyorCli fromEnvironment() {
    return new ConveyorCli(System.out, System.err, System.getenv(), Duration.ofMillis(500));
  }

  /** Returns whether the arguments name a command rather than options of the web application. */
  public static boolean isCommand(String[] args) {
    return args != null && args.length > 0 && COMMANDS.contains(args[0]);
  }

  /** Runs one command and returns its exit code. */
  public int run(String... args) {
    try {
      if (!isCommand(args)) {
        throw CliException.usage("expected a command: one of " + String.join(", ", COMMANDS));
      }
      String command = args[0];
      if (command.equals("help")) {
        out.print(USAGE);
        return 0;
      }
      if (command.startsWith("hash-")) {
        return hash(command, Arrays.asList(args).subList(1, args.length));
      }
      if (!command.equals("list")) {
        refuseIdentityOptions(args);
      }
      CliArgs parsed =
          CliArgs.parse(
              command,
              Arrays.asList(args).subList(1, args.length),
              command.equals("eval") ? EvaluationCommand.OPTIONS : OPTIONS.get(command));
      ConveyorHttp api =
          new ConveyorHttp(baseUrl(parsed), env.getOrDefault("CONVEYOR_API_KEY", DEFAULT_API_KEY));
      BundleCommands bundles = new BundleCommands(api, out, err);
      if (command.equals("submit") && parsed.value("bundle") != null) {
        return submitBundle(bundles, parsed);
      }
      if (BUNDLE_COMMANDS.contains(command) && BundleCommands.isBundle(parsed.single("a job id"))) {
        return command.equals("watch")
            ? new BundleWatcher(api, out, pollInterval)
                .watch(parsed.single("a bundle id"), parsed.flag("until-decision"))
            : bundle(bundles, command, parsed);
      }
      return switch (command) {
        case "submit" -> submit(api, parsed);
        case "status" -> status(api, parsed);
        case "approve" -> decide(api, parsed, "approve");
        case "reject" -> decide(api, parsed, "reject");
        case "resubmit" -> resubmit(api, parsed);
        case "watch" ->
            new JobWatcher(api, out, pollInterval)
                .watch(parsed.single("a job id"), parsed.flag("until-decision"));
        case "cancel" -> cancel(api, parsed);
        case "list" -> list(api, parsed);
        case "timeline" -> timeline(api, parsed);
        case "eval" -> new EvaluationCommand(api, out, err, pollInterval).run(parsed);
        default -> output(api, parsed);
      };
    } catch (CliException e) {
      err.println("conveyor: " + e.getMessage());
      return e.exitCode();
    }
  }

  /** The commands that take a bundle id as well as a job id. */
  private static final List<String> BUNDLE_COMMANDS =
      List.of("status", "approve", "reject", "output", "cancel", "watch", "timeline");

  private static int submitBundle(BundleCommands bundles, CliArgs args) throws CliException {
    args.noPositional();
    for (String option : List.of("requirements", "requirements-file", "kind")) {
      if (args.value(option) != null) {
        throw CliException.usage(
            "--bundle takes the whole request from its file; leave out --" + option);
      }
    }
    return bundles.submit(args.value("bundle"), args.value("key"));
  }

  private static int bundle(BundleCommands bundles, String command, CliArgs args)
      throws CliException {
    String id = args.single("a bundle id");
    return switch (command) {
      case "status" -> bundles.status(id);
      case "approve" ->
          bundles.decide(id, DecisionAction.APPROVE, args.value("comment"), List.of());
      case "reject" ->
          bundles.decide(id, DecisionAction.REJECT, args.required("comment"), args.values("part"));
      case "output" -> bundles.output(id, Path.of(args.required("to")));
      case "timeline" -> bundles.timeline(id);
      default -> bundles.cancel(id);
    };
  }

  private int submit(ConveyorHttp api, CliArgs args) throws CliException {
    args.noPositional();
    JobRequest request =
        JobRequest.builder(
                requirements(args),
                required(args.choice("kind", OutputKind.class), "--kind TEXT|IMAGE|CODE"))
            .qaCriteria(args.values("criterion").isEmpty() ? null : args.values("criterion"))
            .maxQaAttempts(args.integer("max-qa-attempts"))
            .maxRevisions(args.integer("max-revisions"))
            .approvalPolicy(args.choice("policy", ApprovalPolicy.class))
            .scoreThreshold(args.decimal("score-threshold"))
            .approvalTimeout(args.duration("timeout"))
            .onExpiry(args.choice("on-expiry", ExpiryAction.class))
            .budgetUsd(args.money("budget"))
            .tags(args.values("tag").isEmpty() ? null : args.values("tag"))
            .budgetPolicy(args.choice("budget-policy", BudgetPolicy.class))
            .language(args.value("language"))
            .jsonSchema(optionalFile(args, "json-schema"))
            .priority(args.choice("priority", JobPriority.class))
            .profile(args.value("profile"))
            .build();
    StartedJob job = api.submit(request, args.value("key"));
    if (!job.created()) {
      err.println("conveyor: the key names an existing job, now " + job.status());
    }
    out.println(job.jobId());
    return 0;
  }

  private int status(ConveyorHttp api, CliArgs args) throws CliException {
    ConveyorHttp.StatusAnswer answer = api.statusAnswer(args.single("a job id"));
    StatusFormatter.summary(answer.status()).forEach(out::println);
    StatusFormatter.origin(answer).forEach(out::println);
    return 0;
  }

  private int resubmit(ConveyorHttp api, CliArgs args) throws CliException {
    String jobId = args.single("a job id");
    StartedJob job = api.resubmit(jobId, args.value("key"));
    if (!job.created()) {
      err.println("conveyor: " + jobId + " was already resubmitted as " + job.jobId());
    }
    out.println(job.jobId());
    return 0;
  }

  private int decide(ConveyorHttp api, CliArgs args, String action) throws CliException {
    String jobId = args.single("a job id");
    String comment = action.equals("reject") ? args.required("comment") : args.value("comment");
    Decision decision = new Decision(null, comment, args.flag("regenerate") ? true : null);
    JobStatus status = api.decide(jobId, action, decision);
    out.println(status.jobId() + " " + status.stage() + JobWatcher.progress(status));
    return 0;
  }

  private int cancel(ConveyorHttp api, CliArgs args) throws CliException {
    String jobId = args.single("a job id");
    api.cancel(jobId);
    out.println(jobId + " cancel requested: the job ends CANCELLED");
    return 0;
  }

  private int list(ConveyorHttp api, CliArgs args) throws CliException {
    args.noPositional();
    HistoryFormatter.listing(api.list(JobListQuery.of(args))).forEach(out::println);
    return 0;
  }

  private int timeline(ConveyorHttp api, CliArgs args) throws CliException {
    ConveyorHttp.Timeline timeline = api.timeline(args.single("a job id"));
    out.println(timeline.jobId() + " " + timeline.stage());
    timeline.events().forEach(event -> out.println("  " + HistoryFormatter.event(event)));
    return 0;
  }

  /** The identity is the API key's: options that named one are refused with a clear line. */
  private static void refuseIdentityOptions(String[] args) throws CliException {
    for (String arg : args) {
      for (String option : List.of("reviewer", "submitter")) {
        if (arg.equals("--" + option) || arg.startsWith("--" + option + "=")) {
          throw CliException.usage(
              "--"
                  + option
                  + " is not accepted: the "
                  + option
                  + " is the name of the API key in CONVEYOR_API_KEY (default "
                  + DEFAULT_API_KEY
                  + ")");
        }
      }
    }
  }

  /** Prints what configuration holds for a secret: never the secret itself. */
  private int hash(String command, List<String> args) throws CliException {
    if (args.size() != 1 || args.get(0).isEmpty()) {
      throw CliException.usage(
          command
              + " takes one argument: the "
              + (command.equals("hash-key") ? "key" : "password"));
    }
    out.println(
        command.equals("hash-key")
            ? ApiKeys.sha256(args.get(0))
            : "{bcrypt}" + new BCryptPasswordEncoder().encode(args.get(0)));
    return 0;
  }

  private int output(ConveyorHttp api, CliArgs args) throws CliException {
    String jobId = args.single("a job id");
    Path target = Path.of(args.required("to"));
    ConveyorHttp.Download download = api.output(jobId);
    try {
      Files.write(target, download.bytes());
    } catch (IOException e) {
      throw new CliException(CliException.FAILURE, "cannot write " + target + ": " + e);
    }
    out.println(
        "wrote "
            + download.bytes().length
            + " bytes ("
            + download.contentType()
            + ") to "
            + target);
    return 0;
  }

  private URI baseUrl(CliArgs args) throws CliException {
    String url = args.value("url");
    if (url == null) {
      url = env.getOrDefault("CONVEYOR_URL", DEFAULT_URL);
    }
    try {
      URI uri = new URI(url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
      if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
        throw CliException.usage("--url must be an http or https URL, not '" + url + "'");
      }
      return uri;
    } catch (URISyntaxException e) {
      throw CliException.usage("--url is not a URL: '" + url + "'");
    }
  }

  private static String requirements(CliArgs args) throws CliException {
    String text = args.value("requirements");
    String file = args.value("requirements-file");
    if ((text == null) == (file == null)) {
      throw CliException.usage("submit needs either --requirements or --requirements-file");
    }
    return text != null ? text : optionalFile(args, "requirements-file");
  }

  /** Returns the text of the file an option names, null when the option is absent. */
  private static String optionalFile(CliArgs args, String option) throws CliException {
    String file = args.value(option);
    if (file == null) {
      return null;
    }
    try {
      return Files.readString(Path.of(file));
    } catch (IOException e) {
      throw CliException.usage("cannot read --" + option + " " + file + ": " + e);
    }
  }

  private static <T> T required(T value, String option) throws CliException {
    if (value == null) {
      throw CliException.usage("submit needs " + option);
    }
    return value;
  }
}
