package dev.conveyor.starter.cli;

import dev.conveyor.starter.cli.CliArgs.Kind;
import dev.conveyor.starter.client.StartedJob;
import dev.conveyor.workflow.model.ApprovalPolicy;
import dev.conveyor.workflow.model.BudgetPolicy;
import dev.conveyor.workflow.model.Decision;
import dev.conveyor.workflow.model.ExpiryAction;
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

/**
 * The {@code conveyor} command line. Each command is one or a few calls to the REST API at {@code
 * --url}, {@code CONVEYOR_URL} or {@value #DEFAULT_URL}.
 *
 * <pre>
 * submit --requirements TEXT|--requirements-file F --kind TEXT|IMAGE [--criterion C]...
 *        [--policy P] [--max-qa-attempts N] [--max-revisions N] [--score-threshold X]
 *        [--timeout PT1H] [--on-expiry EXPIRE|AUTO_APPROVE] [--budget USD]
 *        [--budget-policy SWITCH|ASK_HUMAN|STOP] [--submitter S] [--tag T]... [--key KEY]
 * status ID
 * approve ID --reviewer R [--comment C]
 * reject ID --reviewer R --comment C [--regenerate]
 * watch ID [--until-decision]
 * output ID --to FILE
 * </pre>
 */
public final class ConveyorCli {

  public static final String DEFAULT_URL = "http://localhost:8080";

  /** The commands; any other first argument starts the web application. */
  public static final List<String> COMMANDS =
      List.of("submit", "status", "approve", "reject", "watch", "output", "help");

  static final String USAGE =
      """
      usage: conveyor <command> [options]   (every command takes --url, else CONVEYOR_URL,       else http://localhost:8080)
        submit  --requirements TEXT | --requirements-file FILE  --kind TEXT|IMAGE
                [--criterion C]... [--policy ALWAYS|WHEN_QA_FAILS|BELOW_SCORE|NEVER]
                [--max-qa-attempts N] [--max-revisions N] [--score-threshold X] [--timeout PT72H]
                [--on-expiry EXPIRE|AUTO_APPROVE] [--budget USD]
                [--budget-policy SWITCH|ASK_HUMAN|STOP] [--submitter S] [--tag T]...
                [--key IDEMPOTENCY_KEY]                      prints the job id
        status  JOB_ID                                      stage, attempts, verdicts, cost
        approve JOB_ID --reviewer R [--comment C]
        reject  JOB_ID --reviewer R --comment C [--regenerate]
        watch   JOB_ID [--until-decision]                   live progress until a final state
        output  JOB_ID --to FILE                            downloads the output
        help                                                this text
      exit codes: 0 ok, 1 error, 2 usage or invalid request, 3 not found, 4 conflict
      """;

  private static final Map<String, Map<String, Kind>> OPTIONS =
      Map.of(
          "submit",
          Map.ofEntries(
              Map.entry("url", Kind.VALUE),
              Map.entry("requirements", Kind.VALUE),
              Map.entry("requirements-file", Kind.VALUE),
              Map.entry("kind", Kind.VALUE),
              Map.entry("criterion", Kind.REPEATED),
              Map.entry("policy", Kind.VALUE),
              Map.entry("max-qa-attempts", Kind.VALUE),
              Map.entry("max-revisions", Kind.VALUE),
              Map.entry("score-threshold", Kind.VALUE),
              Map.entry("timeout", Kind.VALUE),
              Map.entry("on-expiry", Kind.VALUE),
              Map.entry("budget", Kind.VALUE),
              Map.entry("budget-policy", Kind.VALUE),
              Map.entry("submitter", Kind.VALUE),
              Map.entry("tag", Kind.REPEATED),
              Map.entry("key", Kind.VALUE)),
          "status",
          Map.of("url", Kind.VALUE),
          "approve",
          Map.of("url", Kind.VALUE, "reviewer", Kind.VALUE, "comment", Kind.VALUE),
          "reject",
          Map.of(
              "url", Kind.VALUE,
              "reviewer", Kind.VALUE,
              "comment", Kind.VALUE,
              "regenerate", Kind.FLAG),
          "watch",
          Map.of("url", Kind.VALUE, "until-decision", Kind.FLAG),
          "output",
          Map.of("url", Kind.VALUE, "to", Kind.VALUE));

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
      CliArgs parsed =
          CliArgs.parse(command, Arrays.asList(args).subList(1, args.length), OPTIONS.get(command));
      ConveyorHttp api = new ConveyorHttp(baseUrl(parsed));
      return switch (command) {
        case "submit" -> submit(api, parsed);
        case "status" -> status(api, parsed);
        case "approve" -> decide(api, parsed, "approve");
        case "reject" -> decide(api, parsed, "reject");
        case "watch" ->
            new JobWatcher(api, out, pollInterval)
                .watch(parsed.single("a job id"), parsed.flag("until-decision"));
        default -> output(api, parsed);
      };
    } catch (CliException e) {
      err.println("conveyor: " + e.getMessage());
      return e.exitCode();
    }
  }

  private int submit(ConveyorHttp api, CliArgs args) throws CliException {
    args.noPositional();
    JobRequest request =
        new JobRequest(
            requirements(args),
            required(args.choice("kind", OutputKind.class), "--kind TEXT|IMAGE"),
            args.values("criterion").isEmpty() ? null : args.values("criterion"),
            args.integer("max-qa-attempts"),
            args.integer("max-revisions"),
            args.choice("policy", ApprovalPolicy.class),
            args.decimal("score-threshold"),
            args.duration("timeout"),
            args.choice("on-expiry", ExpiryAction.class),
            args.money("budget"),
            args.value("submitter"),
            args.values("tag").isEmpty() ? null : args.values("tag"),
            args.choice("budget-policy", BudgetPolicy.class));
    StartedJob job = api.submit(request, args.value("key"));
    if (!job.created()) {
      err.println("conveyor: the key names an existing job, now " + job.status());
    }
    out.println(job.jobId());
    return 0;
  }

  private int status(ConveyorHttp api, CliArgs args) throws CliException {
    StatusFormatter.summary(api.status(args.single("a job id"))).forEach(out::println);
    return 0;
  }

  private int decide(ConveyorHttp api, CliArgs args, String action) throws CliException {
    String jobId = args.single("a job id");
    String reviewer = args.required("reviewer");
    String comment = action.equals("reject") ? args.required("comment") : args.value("comment");
    Decision decision = new Decision(reviewer, comment, args.flag("regenerate") ? true : null);
    JobStatus status = api.decide(jobId, action, decision);
    out.println(status.jobId() + " " + status.stage() + JobWatcher.progress(status));
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
    if (text != null) {
      return text;
    }
    try {
      return Files.readString(Path.of(file));
    } catch (IOException e) {
      throw CliException.usage("cannot read --requirements-file " + file + ": " + e);
    }
  }

  private static <T> T required(T value, String option) throws CliException {
    if (value == null) {
      throw CliException.usage("submit needs " + option);
    }
    return value;
  }
}
