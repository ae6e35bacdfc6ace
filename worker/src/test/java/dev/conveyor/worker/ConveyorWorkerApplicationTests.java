package dev.conveyor.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.conveyor.store.JdbcJobQueries;
import dev.conveyor.store.JobDetail;
import dev.conveyor.store.TimelineEvent;
import dev.conveyor.worker.store.EmbeddedPostgresServer;
import dev.conveyor.worker.temporal.EmbeddedTemporalServer;
import dev.conveyor.workflow.BundleWorkflow;
import dev.conveyor.workflow.JobWorkflow;
import dev.conveyor.workflow.activity.JobEventType;
import dev.conveyor.workflow.model.ApprovalPolicy;
import dev.conveyor.workflow.model.ArtifactRef;
import dev.conveyor.workflow.model.BundleDecision;
import dev.conveyor.workflow.model.BundlePart;
import dev.conveyor.workflow.model.BundleRequest;
import dev.conveyor.workflow.model.BundleStage;
import dev.conveyor.workflow.model.BundleStatus;
import dev.conveyor.workflow.model.CodeLanguage;
import dev.conveyor.workflow.model.DecisionAction;
import dev.conveyor.workflow.model.JobRequest;
import dev.conveyor.workflow.model.JobResult;
import dev.conveyor.workflow.model.JobStatus;
import dev.conveyor.workflow.model.OutputKind;
import dev.conveyor.workflow.model.ReviewDecision;
import dev.conveyor.workflow.model.Stage;
import dev.conveyor.workflow.model.Step;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.SocketException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import javax.imageio.ImageIO;
import javax.sql.DataSource;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The worker in single-JVM use: embedded Temporal server on loopback, the real offline activities
 * writing to a filesystem artifact store. Offline QA fails the first attempt, so every job goes
 * through the retry loop.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "conveyor.temporal.embedded.enabled=true",
      "conveyor.temporal.embedded.port=0",
      "conveyor.temporal.task-queue=worker-tests",
      "conveyor.offline.qa-fail-first=1",
      "conveyor.store.embedded.port=0"
    })
class ConveyorWorkerApplicationTests {

  @TempDir static Path artifacts;

  @DynamicPropertySource
  static void artifactsDir(DynamicPropertyRegistry registry) {
    registry.add("conveyor.artifacts.dir", () -> artifacts.toString());
    registry.add("conveyor.store.embedded.data-dir", () -> artifacts.resolve("postgres"));
  }

  @Autowired DataSource dataSource;
  @Autowired EmbeddedPostgresServer postgres;

  @Autowired WorkflowClient client;
  @Autowired EmbeddedTemporalServer server;

  @Test
  void text_job_retries_qa_waits_for_a_reviewer_and_ends_approved_with_a_stored_output()
      throws Exception {
    JobWorkflow job =
        start(
            JobRequest.of(
                "A release note for version 2.0 of a note-taking app: offline sync and dark mode",
                OutputKind.TEXT,
                List.of("mentions \"offline sync\"")));

    JobStatus awaiting = awaitStage(job, Stage.AWAITING_APPROVAL);
    assertThat(awaiting.attempts()).hasSize(2);
    assertThat(awaiting.attempts().get(0).verdict().passed()).isFalse();
    assertThat(awaiting.attempts().get(1).verdict().passed()).isTrue();
    assertThat(awaiting.attempts().get(1).feedback()).isNotBlank();
    assertThat(awaiting.models().get(Step.TEXT_GENERATION))
        .isEqualTo("offline/conveyor-text-writer");
    assertThat(awaiting.inputTokens()).isPositive();

    JobStatus decided =
        job.decide(new ReviewDecision(DecisionAction.APPROVE, "rita", "fine", null));
    assertThat(decided.decisions())
        .singleElement()
        .satisfies(d -> assertThat(d.applied()).isTrue());

    JobResult result = WorkflowStub.fromTyped(job).getResult(JobResult.class);
    assertThat(result.state()).isEqualTo(Stage.APPROVED);
    assertThat(result.decidedBy()).isEqualTo("rita");
    String text = Files.readString(stored(result.output()));
    assertThat(text.toLowerCase()).contains("offline sync");

    String jobId = WorkflowStub.fromTyped(job).getExecution().getWorkflowId();
    JobDetail stored = new JdbcJobQueries(dataSource).find(jobId).orElseThrow();
    JobStatus finished = job.status();
    assertThat(stored.summary().stage()).isEqualTo(Stage.APPROVED);
    assertThat(stored.calls()).isEqualTo(finished.calls());
    assertThat(stored.attempts()).isEqualTo(finished.attempts());
    assertThat(stored.decisions())
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.reviewer()).isEqualTo("rita");
              assertThat(d.comment()).isEqualTo("fine");
              assertThat(d.via()).isEqualTo("update");
            });
    assertThat(stored.timeline())
        .extracting(TimelineEvent::type)
        .startsWith(JobEventType.SUBMITTED)
        .endsWith(JobEventType.DECISION, JobEventType.FINISHED);
  }

  @Test
  void embedded_postgres_listens_on_loopback_with_its_data_in_the_configured_folder()
      throws Exception {
    assertThat(postgres.jdbcUrl()).startsWith("jdbc:postgresql://127.0.0.1:").endsWith("/conveyor");
    assertThat(artifacts.resolve("postgres").resolve("PG_VERSION")).exists();
    for (InetAddress address : nonLoopbackAddresses()) {
      try (Socket socket = new Socket()) {
        assertThatThrownBy(
                () -> socket.connect(new InetSocketAddress(address, postgres.port()), 2_000))
            .as("connection to %s:%d", address, postgres.port())
            .isInstanceOf(IOException.class);
      }
    }
  }

  @Test
  void image_job_is_drawn_as_a_png_and_approved_by_policy() throws Exception {
    JobRequest request =
        JobRequest.of("A minimalist logo of a paper boat", OutputKind.IMAGE, List.of()).toBuilder()
            .approvalPolicy(ApprovalPolicy.NEVER)
            .build();
    String workflowId = "worker-test-" + UUID.randomUUID();
    JobWorkflow job = client.newWorkflowStub(JobWorkflow.class, options(workflowId));
    JobResult result = job.run(request);

    assertThat(result.state()).isEqualTo(Stage.APPROVED);
    assertThat(result.decidedBy()).isEqualTo("policy");
    assertThat(result.output().contentType()).isEqualTo("image/png");
    BufferedImage image = ImageIO.read(stored(result.output()).toFile());
    assertThat(image).isNotNull();
    assertThat(image.getWidth()).isGreaterThanOrEqualTo(64);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "html | A landing section for a steel water bottle with a heading and a short pitch | <h2",
        "json | A product as JSON with the fields name, price and tags | \"price\"",
        "sql | Select the name and email columns from the customers table | SELECT",
        "java | A record named Customer with the fields name and email | record Customer"
      })
  void code_job_is_written_parsed_and_approved_with_the_offline_models(
      String language, String requirements, String expected) throws Exception {
    String schema =
        language.equals("json")
            ? "{\"type\": \"object\", \"required\": [\"name\", \"price\"], \"properties\":"
                + " {\"name\": {\"type\": \"string\"}, \"price\": {\"type\": \"number\","
                + " \"minimum\": 0}}}"
            : null;
    JobRequest request =
        JobRequest.builder(requirements, OutputKind.CODE)
            .language(language)
            .jsonSchema(schema)
            .approvalPolicy(ApprovalPolicy.NEVER)
            .build();
    JobWorkflow job =
        client.newWorkflowStub(JobWorkflow.class, options("worker-test-" + UUID.randomUUID()));
    JobResult result = job.run(request);

    assertThat(result.state()).as(result.reason()).isEqualTo(Stage.APPROVED);
    CodeLanguage codeLanguage = CodeLanguage.of(language);
    assertThat(result.output().contentType()).isEqualTo(codeLanguage.contentType());
    assertThat(Files.readString(stored(result.output()))).contains(expected);
    JobStatus status = job.status();
    assertThat(status.models().get(Step.CODE_GENERATION)).isEqualTo("offline/conveyor-code-writer");
    assertThat(status.attempts()).last().satisfies(a -> assertThat(a.verdict().passed()).isTrue());
  }

  @Test
  void embedded_server_listens_on_loopback_only() throws Exception {
    assertThat(server.boundAddress().getAddress().isLoopbackAddress()).isTrue();
    for (InetAddress address : nonLoopbackAddresses()) {
      try (Socket socket = new Socket()) {
        assertThatThrownBy(
                () -> socket.connect(new InetSocketAddress(address, server.port()), 2_000))
            .as("connection to %s:%d", address, server.port())
            .isInstanceOf(IOException.class);
      }
    }
  }

  @Test
  void bundle_of_a_headline_a_hero_and_the_html_using_both_is_made_offline_and_approved()
      throws Exception {
    BundleWorkflow bundle =
        startBundle(
            part("headline", OutputKind.TEXT, "A headline for a steel water bottle"),
            part("hero", OutputKind.IMAGE, "A steel water bottle on a rock"),
            part(
                "landing",
                OutputKind.CODE,
                "A landing section with the headline and the hero",
                "headline",
                "hero"));

    BundleStatus awaiting = awaitDecision(bundle);
    assertThat(awaiting.reason()).isEqualTo("every part passed QA and the cross-part check");
    assertThat(awaiting.part("landing").consistency().passed()).isTrue();
    String headline = Files.readString(stored(awaiting.part("headline").output())).strip();
    String html = Files.readString(stored(awaiting.part("landing").output()));
    assertThat(html).contains("src=\"hero.png\"");
    assertThat(Jsoup.parse(html).text().replaceAll("\\s+", " "))
        .contains(headline.replaceAll("\\s+", " "));

    BundleStatus approved = bundle.decide(BundleDecision.approve("rita", null));
    assertThat(approved.stage()).isEqualTo(BundleStage.APPROVED);
  }

  @Test
  void bundle_whose_hero_shows_something_else_has_only_the_hero_and_the_html_made_again()
      throws Exception {
    // A hero painted for another brief: the offline vision judge reads what the picture shows
    // and holds the hero at fault; its next run paints what the headline promises.
    BundleWorkflow bundle =
        startBundle(
            part("headline", OutputKind.TEXT, "A headline for a steel water bottle"),
            part("hero", OutputKind.IMAGE, "A red bicycle leaning on a brick wall"),
            part("tagline", OutputKind.TEXT, "A tagline of at most 20 words", "headline"),
            part(
                "landing",
                OutputKind.CODE,
                "A landing section with the headline, the tagline and the hero",
                "headline",
                "tagline",
                "hero"));

    BundleStatus awaiting = awaitDecision(bundle);
    assertThat(awaiting.reason()).isEqualTo("every part passed QA and the cross-part check");
    assertThat(awaiting.consistencyRuns()).isEqualTo(2);
    assertThat(awaiting.part("hero").runs()).isEqualTo(2);
    assertThat(awaiting.part("hero").feedback())
        .startsWith("Cross-part check: Show what the text of \"headline\" promises:")
        .contains("bottle");
    assertThat(awaiting.part("landing").runs()).isEqualTo(2);
    assertThat(awaiting.part("headline").runs()).isEqualTo(1);
    assertThat(awaiting.part("tagline").runs()).isEqualTo(1);
    assertThat(awaiting.part("tagline").consistency().passed()).isTrue();
    String tagline = Files.readString(stored(awaiting.part("tagline").output())).toLowerCase();
    assertThat(tagline).contains("steel", "water");

    BundleStatus approved = bundle.decide(BundleDecision.approve("rita", null));
    assertThat(approved.stage()).isEqualTo(BundleStage.APPROVED);
  }

  /** Returns a part of a bundle; a CODE part is html. */
  private static BundlePart part(
      String name, OutputKind kind, String requirements, String... uses) {
    JobRequest.Builder output = JobRequest.builder(requirements, kind);
    if (kind == OutputKind.CODE) {
      output.language("html");
    }
    return BundlePart.of(name, List.of(uses), output.build());
  }

  private BundleWorkflow startBundle(BundlePart... parts) {
    BundleWorkflow bundle =
        client.newWorkflowStub(
            BundleWorkflow.class, options("worker-test-bundle-" + UUID.randomUUID()));
    WorkflowClient.start(bundle::run, BundleRequest.of(List.of(parts)));
    return bundle;
  }

  private static BundleStatus awaitDecision(BundleWorkflow bundle) {
    return await()
        .atMost(Duration.ofMinutes(2))
        .pollInterval(Duration.ofMillis(200))
        .until(bundle::status, status -> status.stage() == BundleStage.AWAITING_APPROVAL);
  }

  private static List<InetAddress> nonLoopbackAddresses() throws SocketException {
    return NetworkInterface.networkInterfaces()
        .flatMap(NetworkInterface::inetAddresses)
        .filter(address -> !address.isLoopbackAddress() && !address.isLinkLocalAddress())
        .toList();
  }

  private JobWorkflow start(JobRequest request) {
    JobWorkflow job =
        client.newWorkflowStub(JobWorkflow.class, options("worker-test-" + UUID.randomUUID()));
    WorkflowClient.start(job::run, request);
    return job;
  }

  private static WorkflowOptions options(String workflowId) {
    return WorkflowOptions.newBuilder()
        .setWorkflowId(workflowId)
        .setTaskQueue("worker-tests")
        .build();
  }

  private static JobStatus awaitStage(JobWorkflow job, Stage stage) {
    return await()
        .atMost(Duration.ofMinutes(1))
        .pollInterval(Duration.ofMillis(200))
        .until(job::status, status -> status.stage() == stage);
  }

  private static Path stored(ArtifactRef ref) {
    return artifacts.resolve(ref.relativePath());
  }
}
