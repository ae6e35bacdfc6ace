package dev.conveyor.starter.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.conveyor.starter.testing.ApiKeyProperties;
import dev.conveyor.starter.testing.ConveyorAppTestSupport;
import dev.conveyor.starter.testing.FileScriptedActivities;
import dev.conveyor.starter.testing.Http;
import dev.conveyor.workflow.model.CodeLanguage;
import dev.conveyor.workflow.model.JobPriority;
import io.temporal.api.enums.v1.EventType;
import io.temporal.client.WorkflowClient;
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
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/** The command line run in-process against the application on a random port. */
class ConveyorCliTests extends ConveyorAppTestSupport {

  /** A key whose only role is submitter: it may submit and read, not decide or cancel. */
  private static final String SUBMITTER_KEY = "cli-submitter-key";

  @TempDir Path work;

  @Autowired WorkflowClient workflowClient;

  @DynamicPropertySource
  static void apiKeys(DynamicPropertyRegistry registry) {
    key(registry, 0, "local-dev", ConveyorCli.DEFAULT_API_KEY, "submitter,reviewer,admin");
    key(registry, 1, "cli-submitter", SUBMITTER_KEY, "submitter");
  }

  private static void key(
      DynamicPropertyRegistry registry, int index, String name, String key, String roles) {
    ApiKeyProperties.register(registry, index, name, key, roles);
  }

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
  void should_submit_a_bulk_job_whose_model_calls_carry_the_bulk_priority_key() {
    String jobId =
        cli(
                "submit",
                "--requirements",
                "A slogan for a backfill",
                "--kind",
                "TEXT",
                "--policy",
                "never",
                "--priority",
                "bulk")
            .out()
            .get(0);

    Run watch = cli("watch", jobId);

    assertThat(watch.exitCode()).isZero();
    assertThat(workflowClient.fetchHistory(jobId).getEvents())
        .filteredOn(e -> e.getEventType() == EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED)
        .extracting(e -> e.getActivityTaskScheduledEventAttributes())
        .filteredOn(a -> a.getActivityType().getName().equals("WritePrompt"))
        .singleElement()
        .satisfies(
            a -> assertThat(a.getPriority().getPriorityKey()).isEqualTo(JobPriority.BULK.key()));
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
  void should_submit_a_code_job_with_a_schema_and_download_the_code() throws IOException {
    Path schema = Files.writeString(work.resolve("product.schema.json"), "{\"type\": \"object\"}");
    String jobId =
        cli(
                "submit",
                "--kind",
                "CODE",
                "--language",
                "json",
                "--json-schema",
                schema.toString(),
                "--requirements",
                "A product as JSON")
            .out()
            .get(0);
    cli("watch", jobId, "--until-decision");
    cli("approve", jobId);
    Path file = work.resolve("product.json");

    Run output = cli("output", jobId, "--to", file.toString());

    assertThat(activities.codeGenerations())
        .anySatisfy(
            request -> {
              assertThat(request.spec().language()).isEqualTo(CodeLanguage.JSON);
              assertThat(activities.text(request.spec().jsonSchema()))
                  .isEqualTo("{\"type\": \"object\"}");
            });
    assertThat(output.exitCode()).isZero();
    assertThat(output.out().get(0)).contains("(application/json)").endsWith(" to " + file);
    assertThat(Files.readString(file)).isEqualTo("<p>r0a1 feedback=null");
  }

  @Test
  void should_submit_a_bundle_from_a_file_send_a_part_back_approve_and_download_the_zip()
      throws IOException {
    Path request =
        Files.writeString(
            work.resolve("bundle.json"),
            """
            {"parts": [
              {"name": "headline", "outputKind": "TEXT", "requirements": "A headline"},
              {"name": "hero", "outputKind": "IMAGE", "requirements": "A bottle on a rock"},
              {"name": "landing", "outputKind": "CODE", "language": "html",
               "requirements": "A landing section", "uses": ["headline", "hero"]}
            ]}
            """);

    Run submit = cli("submit", "--bundle", request.toString());
    String bundleId = submit.out().get(0);
    awaitBundleDecision(bundleId, 0);
    Run status = cli("status", bundleId);
    Run reject = cli("reject", bundleId, "--part", "hero", "--comment", "bluer sky");
    awaitBundleDecision(bundleId, 1);
    Run approve = cli("approve", bundleId);
    Path zip = work.resolve("bundle.zip");
    Run output = cli("output", bundleId, "--to", zip.toString());

    assertThat(submit.exitCode()).isZero();
    assertThat(bundleId).startsWith("bundle-");
    assertThat(status.out().get(0)).startsWith(bundleId + " AWAITING_APPROVAL · revision 0");
    assertThat(status.out().subList(1, 4))
        .satisfiesExactly(
            line -> assertThat(line).startsWith("  headline TEXT PASSED · run 1 · QA passed"),
            line -> assertThat(line).startsWith("  hero IMAGE PASSED · run 1").contains("hero.png"),
            line -> assertThat(line).startsWith("  landing CODE html PASSED · run 1"));
    assertThat(reject.out()).containsExactly(bundleId + " RUNNING (revision 1)");
    assertThat(approve.out()).containsExactly(bundleId + " APPROVED (revision 1)");
    assertThat(output.exitCode()).isZero();
    assertThat(output.out().get(0)).contains("(application/zip)").endsWith(" to " + zip);
    assertThat(Files.size(zip)).isPositive();
  }

  @Test
  void should_exit_2_with_one_line_for_an_invalid_bundle() throws IOException {
    Path request =
        Files.writeString(
            work.resolve("invalid.json"),
            "{\"parts\": [{\"name\": \"landing\", \"outputKind\": \"CODE\","
                + " \"language\": \"html\", \"requirements\": \"x\", \"uses\": [\"hero\"]}]}");

    Run invalid = cli("submit", "--bundle", request.toString());
    Run mixed = cli("submit", "--bundle", request.toString(), "--kind", "TEXT");

    assertThat(invalid.exitCode()).isEqualTo(2);
    assertThat(invalid.err())
        .singleElement()
        .asString()
        .startsWith("conveyor: invalid job request: parts[0].uses[0] is \"hero\"");
    assertThat(mixed.exitCode()).isEqualTo(2);
    assertThat(mixed.err())
        .containsExactly(
            "conveyor: --bundle takes the whole request from its file; leave out --kind");
  }

  @Test
  void should_submit_a_bundle_once_per_key_list_it_watch_it_to_its_end_and_show_its_timeline()
      throws IOException {
    // given
    String tag = "cli-bundle-" + UUID.randomUUID();
    Path request =
        Files.writeString(
            work.resolve("tagged-bundle.json"),
            """
            {"parts": [
              {"name": "headline", "outputKind": "TEXT", "requirements": "A headline"},
              {"name": "hero", "outputKind": "IMAGE", "requirements": "A bottle on a rock"}
            ], "tags": ["%s"]}
            """
                .formatted(tag));
    String key = "k-" + UUID.randomUUID();

    // when
    Run first = cli("submit", "--bundle", request.toString(), "--key", key);
    Run again = cli("submit", "--bundle", request.toString(), "--key", key);
    String bundleId = first.out().get(0);
    Run untilDecision = cli("watch", bundleId, "--until-decision");
    Run inbox =
        await()
            .until(
                () -> cli("list", "--tag", tag, "--inbox"),
                run -> run.out().get(0).startsWith(bundleId));
    Run list = cli("list", "--tag", tag);
    Run parts = cli("list", "--bundle", bundleId);
    Run approve = cli("approve", bundleId);
    Run watch = cli("watch", bundleId);
    Run timeline =
        await()
            .until(
                () -> cli("timeline", bundleId),
                run -> run.exitCode() == 0 && run.out().get(0).endsWith(" APPROVED"));

    // then one bundle for the key
    assertThat(first.exitCode()).isZero();
    assertThat(bundleId).isEqualTo("bundle-" + key);
    assertThat(again.exitCode()).isZero();
    assertThat(again.out()).containsExactly(bundleId);
    assertThat(again.err())
        .containsExactly("conveyor: the key names an existing bundle, " + bundleId);

    // and watch shows each part and the stage until the decision, then to the end
    assertThat(untilDecision.exitCode()).isZero();
    assertThat(untilDecision.out())
        .contains("  part headline PASSED · run 1 · job " + bundleId + ".headline.1")
        .anySatisfy(line -> assertThat(line).startsWith("AWAITING_APPROVAL: "));
    assertThat(approve.exitCode()).isZero();
    assertThat(watch.exitCode()).isZero();
    assertThat(watch.out().get(watch.out().size() - 1)).startsWith("APPROVED: approved by");

    // and the listing shows the bundle, marked, once; its parts' jobs only under it
    assertThat(list.out()).hasSize(2);
    assertThat(list.out().get(0))
        .startsWith(bundleId + "  AWAITING_APPROVAL  BUNDLE  r0")
        .contains("awaiting decision since");
    assertThat(inbox.out().get(0)).startsWith(bundleId + "  AWAITING_APPROVAL  BUNDLE");
    assertThat(parts.out())
        .anySatisfy(line -> assertThat(line).startsWith(bundleId + ".headline.1  DELIVERED"))
        .anySatisfy(line -> assertThat(line).startsWith(bundleId + ".hero.1  DELIVERED"));

    // and the timeline holds the bundle's events from the store
    assertThat(timeline.out().get(1)).contains("SUBMITTED").contains("bundle of 2 parts");
    assertThat(timeline.out()).anySatisfy(line -> assertThat(line).contains("FINISHED"));
  }

  private void awaitBundleDecision(String bundleId, int revision) {
    await()
        .until(
            () -> cli("status", bundleId).out().get(0),
            line -> line.startsWith(bundleId + " AWAITING_APPROVAL · revision " + revision));
  }

  @Test
  void should_list_the_inbox_and_the_history_with_filters_and_pages() {
    String tag = "list-" + UUID.randomUUID();
    String first = submit(tag, "ALWAYS");
    awaitListed(tag, "--inbox", 1);
    String second = submit(tag, "ALWAYS");
    awaitListed(tag, "--inbox", 2);
    String approved = submit(tag, "NEVER");
    awaitListed(tag, "--state=finished", 1);

    Run all = cli("list", "--tag", tag);
    Run inbox = cli("list", "--tag", tag, "--inbox");
    Run finished = cli("list", "--tag", tag, "--state", "finished");
    Run firstPage = cli("list", "--tag", tag, "--size", "2");
    Run lastPage = cli("list", "--tag", tag, "--size", "2", "--page", "1");
    Run pastTheEnd = cli("list", "--tag", tag, "--size", "2", "--page", "5");
    Run mine = cli("list", "--tag", tag, "--submitter", "local-dev", "--stage", "approved");
    Run nobody = cli("list", "--tag", tag, "--submitter", "nobody");
    Run later = cli("list", "--tag", tag, "--created-from", Instant.now().plusSeconds(60) + "");

    assertThat(all.exitCode()).isZero();
    assertThat(ids(all)).containsExactly(approved, second, first);
    assertThat(all.out().get(0))
        .startsWith(approved + "  APPROVED           TEXT  r0  0.003 USD  by local-dev  created ")
        .contains("  finished ")
        .endsWith("  tags " + tag);
    assertThat(all.out().get(1))
        .startsWith(second + "  AWAITING_APPROVAL  TEXT  r0  0.003 USD  by local-dev  created ")
        .contains("  awaiting POLICY since ");
    assertThat(all.out()).last().isEqualTo("jobs 1-3 of 3");
    assertThat(ids(inbox)).containsExactly(first, second);
    assertThat(ids(finished)).containsExactly(approved);
    assertThat(ids(firstPage)).containsExactly(approved, second);
    assertThat(firstPage.out()).last().isEqualTo("jobs 1-2 of 3; next page: --page 1");
    assertThat(ids(lastPage)).containsExactly(first);
    assertThat(lastPage.out()).last().isEqualTo("jobs 3-3 of 3");
    assertThat(pastTheEnd)
        .isEqualTo(
            new Run(0, List.of("no jobs on page 5: 3 jobs match, on pages 0 to 1"), List.of()));
    assertThat(ids(mine)).containsExactly(approved);
    assertThat(nobody).isEqualTo(new Run(0, List.of("no jobs match"), List.of()));
    assertThat(later).isEqualTo(new Run(0, List.of("no jobs match"), List.of()));
  }

  @Test
  void should_print_a_jobs_timeline_from_submission_to_its_end() {
    String tag = "timeline-" + UUID.randomUUID();
    String jobId = submit(tag, "NEVER");
    awaitListed(tag, "--state=finished", 1);

    Run timeline = cli("timeline", jobId);

    assertThat(timeline.exitCode()).isZero();
    assertThat(timeline.err()).isEmpty();
    assertThat(timeline.out().get(0)).isEqualTo(jobId + " APPROVED");
    assertThat(timeline.out().get(1)).contains("  SUBMITTED   ").contains(" r0 a0");
    assertThat(timeline.out())
        .anySatisfy(line -> assertThat(line).contains("  MODEL_CALL  "))
        .anySatisfy(line -> assertThat(line).contains("  QA_VERDICT  "))
        .anySatisfy(line -> assertThat(line).contains("  DECISION    ").contains("  by policy"));
    assertThat(timeline.out()).last().asString().contains("  FINISHED    APPROVED ");
  }

  @Test
  void should_cancel_a_running_job_and_exit_4_when_it_has_ended() {
    String jobId = submit("cancel-" + UUID.randomUUID(), "ALWAYS");
    cli("watch", jobId, "--until-decision");

    Run cancel = cli("cancel", jobId);
    Run watch = cli("watch", jobId);
    Run again = cli("cancel", jobId);

    assertThat(cancel)
        .isEqualTo(
            new Run(0, List.of(jobId + " cancel requested: the job ends CANCELLED"), List.of()));
    assertThat(watch.exitCode()).isEqualTo(1);
    assertThat(watch.out()).last().asString().startsWith("CANCELLED");
    assertThat(again)
        .isEqualTo(new Run(4, List.of(), List.of("conveyor: job " + jobId + " already ended")));
  }

  @Test
  void should_exit_5_when_the_keys_roles_do_not_allow_the_command() {
    String jobId = submit("roles-" + UUID.randomUUID(), "ALWAYS");
    cli("watch", jobId, "--until-decision");
    Map<String, String> submitterOnly =
        Map.of("CONVEYOR_URL", baseUrl(), "CONVEYOR_API_KEY", SUBMITTER_KEY);

    Run cancel = run(submitterOnly, "cancel", jobId);
    Run approve = run(submitterOnly, "approve", jobId);
    Run list = run(submitterOnly, "list", "--submitter", "cli-submitter");
    Run status = run(Map.of("CONVEYOR_URL", baseUrl()), "status", jobId);

    assertThat(List.of(cancel, approve))
        .allSatisfy(
            denied -> {
              assertThat(denied.exitCode()).isEqualTo(5);
              assertThat(denied.out()).isEmpty();
              assertThat(denied.err()).singleElement().asString().startsWith("conveyor: ");
            });
    assertThat(list).isEqualTo(new Run(0, List.of("no jobs match"), List.of()));
    assertThat(status.out()).contains("stage:    AWAITING_APPROVAL");
  }

  @Test
  void should_exit_2_with_one_line_for_bad_arguments_of_list_timeline_and_cancel() {
    assertThat(cli("list", "job-1")).isEqualTo(usage("list takes no argument job-1"));
    assertThat(cli("list", "--size", "ten"))
        .isEqualTo(usage("--size must be a whole number, not 'ten'"));
    assertThat(cli("list", "--size", "0"))
        .isEqualTo(usage("invalid job listing: size must be from 1 to 200"));
    assertThat(cli("list", "--state", "sleeping"))
        .isEqualTo(usage("invalid job listing: state unknown stage sleeping"));
    assertThat(cli("list", "--order", "random"))
        .isEqualTo(usage("invalid job listing: order must be newest or oldest-awaiting"));
    assertThat(cli("list", "--stage", "NAPPING"))
        .isEqualTo(
            usage(
                "--stage must be one of PROMPT, GENERATE, QA, AWAITING_APPROVAL, APPROVED,"
                    + " REJECTED, FAILED, EXPIRED, CANCELLED, DELIVERED, LOST, not 'NAPPING'"));
    assertThat(cli("list", "--created-from", "yesterday"))
        .isEqualTo(
            usage(
                "--created-from must be an ISO-8601 instant such as 2026-03-01T00:00:00Z, not"
                    + " 'yesterday'"));
    assertThat(cli("list", "--awaiting-for", "1d"))
        .isEqualTo(usage("--awaiting-for must be an ISO-8601 duration such as PT1H, not '1d'"));
    assertThat(cli("list", "--inbox", "--order", "newest"))
        .isEqualTo(
            usage(
                "--inbox lists the jobs awaiting a decision, longest wait first: leave out"
                    + " --order"));
    assertThat(cli("list", "--reviewer", "bob")).isEqualTo(usage("list does not take --reviewer"));
    assertThat(cli("timeline")).isEqualTo(usage("timeline needs a job id"));
    assertThat(cli("timeline", "job-1", "job-2"))
        .isEqualTo(usage("timeline takes only a job id, not [job-1, job-2]"));
    assertThat(cli("cancel")).isEqualTo(usage("cancel needs a job id"));
    assertThat(cli("cancel", "job-1", "--force")).isEqualTo(usage("cancel does not take --force"));
  }

  @Test
  void should_exit_2_with_one_line_naming_the_problem_for_a_usage_error() throws IOException {
    Path tooLong = Files.writeString(work.resolve("requirements.txt"), "x".repeat(20_001));

    assertThat(cli("submit", "--kind", "TEXT"))
        .isEqualTo(usage("submit needs either --requirements or --requirements-file"));
    assertThat(cli("submit", "--requirements", "x"))
        .isEqualTo(usage("submit needs --kind TEXT|IMAGE|CODE"));
    assertThat(cli("submit", "--requirements", "x", "--kind", "VIDEO"))
        .isEqualTo(usage("--kind must be one of TEXT, IMAGE, CODE, not 'VIDEO'"));
    assertThat(cli("submit", "--requirements", "x", "--kind", "CODE", "--language", "cobol"))
        .isEqualTo(
            usage(
                "invalid job request: language is \"cobol\", which is not a known language: one"
                    + " of [html, json, sql, java]"));
    assertThat(
            cli(
                "submit",
                "--requirements",
                "x",
                "--kind",
                "CODE",
                "--language",
                "json",
                "--json-schema",
                work.resolve("missing.json").toString()))
        .satisfies(run -> assertThat(run.exitCode()).isEqualTo(2));
    assertThat(cli("submit", "--requirements", "x", "--kind", "TEXT", "--budget-policy", "MORE"))
        .isEqualTo(usage("--budget-policy must be one of SWITCH, ASK_HUMAN, STOP, not 'MORE'"));
    assertThat(cli("submit", "--requirements", "x", "--kind", "TEXT", "--priority", "URGENT"))
        .isEqualTo(usage("--priority must be one of HIGH, NORMAL, BULK, not 'URGENT'"));
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
    Run reject = cli("reject", "job-unknown", "--comment", "no");
    Run watch = cli("watch", "job-unknown");
    Run cancel = cli("cancel", "job-unknown");
    Run timeline = cli("timeline", "job-unknown");

    Run expected = new Run(3, List.of(), List.of("conveyor: job job-unknown not found"));
    assertThat(List.of(status, approve, output, reject, watch, cancel, timeline))
        .containsOnly(expected);
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
    Run listWithWrongKey =
        run(Map.of("CONVEYOR_URL", baseUrl(), "CONVEYOR_API_KEY", "not-a-key"), "list");

    assertThat(wrongKey)
        .isEqualTo(
            new Run(
                5,
                List.of(),
                List.of(
                    "conveyor: invalid API key: the X-API-Key header matches no configured key")));
    assertThat(devKey.exitCode()).as("the default key is local-dev-key").isEqualTo(3);
    assertThat(listWithWrongKey).isEqualTo(wrongKey);
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
    assertThat(help.err()).isEmpty();
    assertThat(help.out().get(0)).isEqualTo("usage: conveyor <command> [options]");
    assertThat(help.out()).contains("  watch     JOB_ID [--until-decision]");
    assertThat(help.out()).allSatisfy(line -> assertThat(line).hasSizeLessThanOrEqualTo(100));
  }

  @Test
  void should_list_every_command_every_option_and_every_exit_code_in_the_help() {
    List<String> help = run(Map.of(), "help").out();
    String text = String.join("\n", help);

    assertThat(ConveyorCli.COMMANDS)
        .allSatisfy(
            command ->
                assertThat(help)
                    .anySatisfy(line -> assertThat(line).startsWith("  " + command + " ")));
    assertThat(ConveyorCli.OPTIONS.values())
        .flatMap(Map::keySet)
        .allSatisfy(option -> assertThat(text).containsPattern("--" + option + "[ \\]]"));
    for (int code = 0; code <= 5; code++) {
      int exitCode = code;
      assertThat(help).anySatisfy(line -> assertThat(line).startsWith("  " + exitCode + "  "));
    }
  }

  @Test
  void should_know_which_arguments_are_commands() {
    assertThat(ConveyorCli.isCommand(new String[] {"submit", "--kind", "TEXT"})).isTrue();
    assertThat(ConveyorCli.isCommand(new String[] {"--server.port=9090"})).isFalse();
    assertThat(ConveyorCli.isCommand(new String[0])).isFalse();
  }

  private String submit(String tag, String policy) {
    Run submit =
        cli(
            "submit",
            "--requirements",
            "A slogan",
            "--kind",
            "TEXT",
            "--tag",
            tag,
            "--policy",
            policy);
    assertThat(submit.exitCode()).isZero();
    return submit.out().get(0);
  }

  /** Waits until the job store lists {@code count} jobs with the tag and the option. */
  private void awaitListed(String tag, String option, int count) {
    await().until(() -> ids(cli("list", "--tag", tag, option)).size() == count);
  }

  /** Returns the job ids of a listing, in its order. */
  private static List<String> ids(Run list) {
    assertThat(list.exitCode()).isZero();
    return list.out().stream()
        .filter(line -> line.startsWith("job-"))
        .map(line -> line.substring(0, line.indexOf(' ')))
        .toList();
  }

  @Test
  void should_run_an_evaluation_with_a_progress_bar_and_print_the_reports_path() throws Exception {
    Path golden = work.resolve("golden.jsonl");
    Files.writeString(
        golden,
        "{\"requirements\": \"A blurb for a lamp.\", \"kind\": \"TEXT\"}\n"
            + "{\"requirements\": \"A blurb for a desk.\", \"kind\": \"TEXT\"}\n");
    Path reports = work.resolve("reports");

    Run run = cli("eval", golden.toString(), "--profiles", "default", "--out", reports.toString());

    assertThat(run.exitCode()).isZero();
    assertThat(run.err()).anySatisfy(line -> assertThat(line).contains("] 2/2  default 2/2  DONE"));
    assertThat(run.out().get(0)).isEqualTo("default: scripted verdict");
    assertThat(run.out().get(1))
        .isEqualTo(reports.resolve("report.html").toAbsolutePath().toString());
    assertThat(reports.resolve("report.html")).content().contains("<svg");
    assertThat(reports.resolve("report.md")).exists();
  }

  @Test
  void should_refuse_a_bad_golden_set_line_in_one_line_with_exit_code_2() throws Exception {
    Path golden = work.resolve("bad.jsonl");
    Files.writeString(golden, "{\"requirements\": \"A blurb.\", \"kind\": \"VIDEO\"}\n");

    Run run = cli("eval", golden.toString());

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err())
        .containsExactly(
            "conveyor: invalid evaluation request: goldenSet line 1: kind is 'VIDEO': TEXT,"
                + " IMAGE or CODE");
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
