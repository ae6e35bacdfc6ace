package dev.conveyor.starter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conveyor.starter.testing.ConveyorAppTestSupport;
import dev.conveyor.starter.testing.FileScriptedActivities;
import dev.conveyor.starter.testing.Http;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import tools.jackson.databind.JsonNode;

/** The command line run in-process against the application on a random port. */
class ConveyorCliTests extends ConveyorAppTestSupport {

  @TempDir Path work;

  /** One run of the command line: its exit code and what it printed. */
  record Run(int exitCode, List<String> out, List<String> err) {}

  @Test
  void should_submit_watch_show_and_approve_a_job() {
    String key = "cli-" + UUID.randomUUID();

    String[] submission = {
      "submit",
      "--requirements",
      "A haiku about queues",
      "--kind",
      "text",
      "--criterion",
      "three lines",
      "--timeout",
      "PT1H",
      "--budget",
      "0.50",
      "--budget-policy",
      "ask_human",
      "--tag",
      "poetry",
      "--key",
      key
    };
    Run submit = cli(submission);
    String jobId = submit.out().get(0);
    Run watch = cli("watch", jobId, "--until-decision");
    Run resubmit = cli(submission);
    Run reused = cli("submit", "--requirements", "A haiku", "--kind", "TEXT", "--key", key);
    Run status = cli("status", jobId);
    JsonNode awaiting = Http.json(new Http(baseUrl()).get("/api/jobs/" + jobId)).path("awaiting");
    Run approve = cli("approve", jobId, "--comment", "lovely");
    Run approveAgain = cli("approve", jobId);
    Run watchEnded = cli("watch", jobId);

    assertThat(submit).isEqualTo(new Run(0, List.of("job-" + key), List.of()));
    assertThat(watch.exitCode()).isZero();
    assertThat(watch.out())
        .contains(
            "  QA r0 a1 passed (score 0.95) by scripted/text-writer, judged by scripted/text-judge")
        .last()
        .asString()
        .startsWith(
            "AWAITING_APPROVAL (revision 0, attempt 1): awaiting a decision on revision 0 (POLICY, QA passed) until ");
    assertThat(resubmit)
        .isEqualTo(
            new Run(
                0,
                List.of(jobId),
                List.of("conveyor: the key names an existing job, now AWAITING_APPROVAL")));
    assertThat(reused)
        .isEqualTo(
            new Run(
                4,
                List.of(),
                List.of(
                    "conveyor: the idempotency key of job "
                        + jobId
                        + " was already used with a different request; send the same request to"
                        + " get that job, or use a new key for a new job")));
    assertThat(
            Duration.between(
                Instant.parse(awaiting.path("since").asString()),
                Instant.parse(awaiting.path("deadline").asString())))
        .as("--timeout PT1H reaches the job as an ISO-8601 duration")
        .isEqualTo(Duration.ofHours(1));
    assertThat(status.exitCode()).isZero();
    assertThat(status.out())
        .startsWith(
            "job-" + key + " (TEXT)",
            "stage:    AWAITING_APPROVAL",
            "progress: revision 0, attempt 1")
        .contains(
            "tokens:   300 in, 150 out",
            "cost:     0.003 USD",
            "budget:   0.50 USD, policy ASK_HUMAN",
            "usage by step:",
            "  PROMPT           1 call, 100 in, 50 out, 0.001 USD",
            "attempts:",
            "  r0 a1 passed (score 0.95) by scripted/text-writer, judged by scripted/text-judge")
        .anySatisfy(
            line -> assertThat(line).startsWith("models:   PROMPT scripted/prompt-writer, "))
        .anySatisfy(
            line ->
                assertThat(line)
                    .startsWith("awaiting: a decision on revision 0 (POLICY, QA passed) until "));
    assertThat(approve).isEqualTo(new Run(0, List.of(jobId + " APPROVED"), List.of()));
    assertThat(approveAgain)
        .isEqualTo(new Run(4, List.of(), List.of("conveyor: job " + jobId + " already ended")));
    assertThat(watchEnded.exitCode()).isZero();
    assertThat(watchEnded.out()).last().isEqualTo("APPROVED: approved by local-dev");
  }

  @Test
  void should_watch_each_qa_verdict_until_the_job_is_approved() {
    String jobId =
        cli(
                "submit",
                "--requirements",
                "A slogan " + FileScriptedActivities.FAIL_ONCE,
                "--kind",
                "TEXT",
                "--policy",
                "never")
            .out()
            .get(0);

    Run watch = cli("watch", jobId);

    assertThat(watch.exitCode()).isZero();
    assertThat(watch.out())
        .contains(
            "  QA r0 a1 failed (score 0.20) by scripted/text-writer, judged by scripted/text-judge:"
                + " attempt 1 too short",
            "  QA r0 a2 passed (score 0.95) by scripted/text-writer, judged by scripted/text-judge")
        .last()
        .isEqualTo("APPROVED: QA passed (score 0.95); approved by policy");
  }

  @Test
  void should_exit_1_from_watch_when_the_job_ends_other_than_approved() {
    String jobId =
        cli(
                "submit",
                "--requirements",
                "x " + FileScriptedActivities.NEVER_PASS,
                "--kind",
                "TEXT",
                "--policy",
                "NEVER",
                "--max-qa-attempts",
                "2")
            .out()
            .get(0);

    Run watch = cli("watch", jobId);

    assertThat(watch.exitCode()).isEqualTo(1);
    assertThat(watch.out().get(watch.out().size() - 1))
        .isEqualTo("FAILED: QA did not pass in 2 attempts: attempt 2 too short");
  }

  @Test
  void should_reject_with_regenerate_and_download_the_output() throws IOException {
    String jobId = cli("submit", "--requirements", "A slogan", "--kind", "TEXT").out().get(0);
    cli("watch", jobId, "--until-decision");

    Run reject = cli("reject", jobId, "--comment", "louder", "--regenerate");
    cli("watch", jobId, "--until-decision");
    Path file = work.resolve("slogan.txt");
    Run output = cli("output", jobId, "--to", file.toString());

    assertThat(reject.exitCode()).isZero();
    assertThat(reject.out().get(0)).startsWith(jobId + " ").contains("revision 1");
    assertThat(output.exitCode()).isZero();
    assertThat(output.out())
        .containsExactly("wrote 76 bytes (text/plain;charset=utf-8) to " + file);
    assertThat(Files.readString(file))
        .isEqualTo("Output r1a1 feedback=Reviewer local-dev rejected the previous output: louder");
  }

  @Test
  void should_exit_2_with_one_line_naming_the_problem_for_a_usage_error() throws IOException {
    Path tooLong = Files.writeString(work.resolve("requirements.txt"), "x".repeat(20_001));

    assertThat(cli("submit", "--kind", "TEXT"))
        .isEqualTo(usage("submit needs either --requirements or --requirements-file"));
    assertThat(cli("submit", "--requirements", "x"))
        .isEqualTo(usage("submit needs --kind TEXT|IMAGE"));
    assertThat(cli("submit", "--requirements", "x", "--kind", "VIDEO"))
        .isEqualTo(usage("--kind must be one of TEXT, IMAGE, not 'VIDEO'"));
    assertThat(cli("submit", "--requirements", "x", "--kind", "TEXT", "--budget-policy", "MORE"))
        .isEqualTo(usage("--budget-policy must be one of SWITCH, ASK_HUMAN, STOP, not 'MORE'"));
    assertThat(cli("submit", "--requirements", "x", "--kind", "TEXT", "--timeout", "1h"))
        .isEqualTo(usage("--timeout must be an ISO-8601 duration such as PT1H, not '1h'"));
    assertThat(cli("status")).isEqualTo(usage("status needs a job id"));
    assertThat(cli("status", "job-1", "--verbose"))
        .isEqualTo(usage("status does not take --verbose"));
    assertThat(cli("reject", "job-1")).isEqualTo(usage("reject needs --comment"));
    assertThat(cli("approve", "job-1", "--reviewer", "bob"))
        .isEqualTo(
            usage(
                "--reviewer is not accepted: the reviewer is the name of the API key in"
                    + " CONVEYOR_API_KEY (default local-dev-key)"));
    assertThat(cli("submit", "--requirements", "x", "--kind", "TEXT", "--submitter=bob"))
        .isEqualTo(
            usage(
                "--submitter is not accepted: the submitter is the name of the API key in"
                    + " CONVEYOR_API_KEY (default local-dev-key)"));
    assertThat(cli("output", "job-1")).isEqualTo(usage("output needs --to"));
    assertThat(run(Map.of(), "watch", "job-1", "--url")).isEqualTo(usage("--url needs a value"));
    assertThat(cli("approve", "job-1", "--comment")).isEqualTo(usage("--comment needs a value"));
    assertThat(cli("submit", "--requirements-file", tooLong.toString(), "--kind", "TEXT"))
        .isEqualTo(
            usage(
                "invalid job request: requirements has 20001 characters, at most 20000 are"
                    + " allowed"));
  }

  @Test
  void should_exit_3_when_the_job_is_unknown() {
    Run status = cli("status", "job-unknown");
    Run approve = cli("approve", "job-unknown");
    Run output = cli("output", "job-unknown", "--to", work.resolve("out").toString());

    Run expected = new Run(3, List.of(), List.of("conveyor: job job-unknown not found"));
    assertThat(List.of(status, approve, output)).containsOnly(expected);
  }

  @Test
  void should_exit_1_when_conveyor_cannot_be_reached() {
    Run status =
        new ConveyorCliTests().run(Map.of(), "status", "job-1", "--url", "http://127.0.0.1:1");

    assertThat(status)
        .isEqualTo(
            new Run(
                1, List.of(), List.of("conveyor: cannot reach Conveyor at http://127.0.0.1:1")));
  }

  @Test
  void should_take_the_url_from_conveyor_url() {
    Run status = run(Map.of("CONVEYOR_URL", baseUrl() + "/"), "status", "job-unknown");

    assertThat(status.exitCode()).isEqualTo(3);
  }

  @Test
  void should_send_the_key_of_conveyor_api_key_and_exit_5_when_it_is_refused() {
    Run wrongKey =
        run(
            Map.of("CONVEYOR_URL", baseUrl(), "CONVEYOR_API_KEY", "not-a-key"),
            "status",
            "job-unknown");
    Run devKey = run(Map.of("CONVEYOR_URL", baseUrl()), "status", "job-unknown");

    assertThat(wrongKey)
        .isEqualTo(
            new Run(
                5,
                List.of(),
                List.of(
                    "conveyor: invalid API key: the X-API-Key header matches no configured key")));
    assertThat(devKey.exitCode()).as("the default key is local-dev-key").isEqualTo(3);
  }

  @Test
  void should_print_the_hashes_that_configuration_holds_for_a_key_and_a_password() {
    Run key = run(Map.of(), "hash-key", "local-dev-key");
    Run password = run(Map.of(), "hash-password", "s3cret");

    assertThat(key)
        .isEqualTo(
            new Run(
                0,
                List.of("ed5a18fb8f807f996d649e379d3f35f39c543a91bdbf88c492f2ebd10d4df86c"),
                List.of()));
    assertThat(password.exitCode()).isZero();
    assertThat(password.out()).singleElement().asString().startsWith("{bcrypt}$2a$");
    assertThat(
            PasswordEncoderFactories.createDelegatingPasswordEncoder()
                .matches("s3cret", password.out().get(0)))
        .isTrue();
    assertThat(run(Map.of(), "hash-key")).isEqualTo(usage("hash-key takes one argument: the key"));
  }

  @Test
  void should_print_the_usage_for_help_without_calling_conveyor() {
    Run help = run(Map.of(), "help");

    assertThat(help.exitCode()).isZero();
    assertThat(String.join("\n", help.out()))
        .contains("usage: conveyor <command>")
        .contains("submit")
        .contains("watch   JOB_ID [--until-decision]");
    assertThat(help.err()).isEmpty();
  }

  @Test
  void should_know_which_arguments_are_commands() {
    assertThat(ConveyorCli.isCommand(new String[] {"submit", "--kind", "TEXT"})).isTrue();
    assertThat(ConveyorCli.isCommand(new String[] {"--server.port=9090"})).isFalse();
    assertThat(ConveyorCli.isCommand(new String[0])).isFalse();
  }

  private Run cli(String... args) {
    String[] withUrl = new String[args.length + 2];
    System.arraycopy(args, 0, withUrl, 0, args.length);
    withUrl[args.length] = "--url";
    withUrl[args.length + 1] = baseUrl();
    return run(Map.of(), withUrl);
  }

  private Run run(Map<String, String> env, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        new ConveyorCli(
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8),
                env,
                Duration.ofMillis(100))
            .run(args);
    return new Run(code, lines(out), lines(err));
  }

  private static List<String> lines(ByteArrayOutputStream stream) {
    String text = stream.toString(StandardCharsets.UTF_8);
    return text.isEmpty() ? List.of() : List.of(text.split("\\R"));
  }

  private static Run usage(String message) {
    return new Run(2, List.of(), List.of("conveyor: " + message));
  }
}
