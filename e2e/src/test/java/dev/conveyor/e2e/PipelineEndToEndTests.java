package dev.conveyor.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.conveyor.artifacts.S3ArtifactBucket;
import dev.conveyor.stack.LocalStack;
import dev.conveyor.workflow.model.ArtifactRef;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A service's view of Conveyor scaled out: REST to the starter, Temporal, two worker JVMs with the
 * offline models (QA failing the first attempt, so every job retries once) that share no folder,
 * keeping artifacts in an S3 bucket (Adobe S3Mock, an S3-compatible server) from which the starter
 * serves the output, a reviewer's decision, and the output downloaded. (The local stack's artifacts
 * folder is driven end to end by {@link ConveyorScriptEndToEndTests}.)
 */
class PipelineEndToEndTests {

  private static S3MockProcess s3;
  private static LocalStack stack;

  @BeforeAll
  static void startStack() throws Exception {
    stack = new LocalStack(LocalStack.tempDir("conveyor-e2e"));
    s3 = S3MockProcess.start("conveyor-e2e", stack.dir());
    stack.environment(S3MockProcess.CREDENTIALS);
    List<String> settings = new ArrayList<>(List.of(s3.arguments("e2e")));
    stack.startStarter(settings.toArray(String[]::new));
    settings.add("--conveyor.offline.qa-fail-first=1");
    stack.startWorker(settings.toArray(String[]::new));
    stack.startWorker(settings.toArray(String[]::new));
  }

  @AfterAll
  static void stopStack() throws Exception {
    if (stack != null) {
      stack.close();
    }
    if (s3 != null) {
      s3.close();
    }
  }

  @Test
  void text_job_goes_from_rest_through_qa_retry_and_approval_to_a_downloaded_output()
      throws Exception {
    HttpResponse<byte[]> submitted =
        stack.call(
            "POST",
            "/api/jobs",
            """
            {"requirements": "A product description for a waterproof hiking backpack with \
            a 30 litre capacity and padded straps",
             "outputKind": "TEXT",
             "qaCriteria": ["mentions the capacity"],
             "tags": ["e2e"]}
            """);
    assertThat(submitted.statusCode()).isEqualTo(201);
    String jobId = LocalStack.json(submitted).get("jobId").asText();

    JsonNode awaiting =
        stack.awaitStatus(
            jobId, s -> "AWAITING_APPROVAL".equals(s.get("stage").asText()), Duration.ofMinutes(2));
    assertThat(awaiting.get("attempts")).hasSize(2);
    assertThat(awaiting.get("attempts").get(0).get("verdict").get("passed").asBoolean()).isFalse();
    assertThat(awaiting.get("attempts").get(1).get("verdict").get("passed").asBoolean()).isTrue();
    assertThat(awaiting.get("models").get("TEXT_GENERATION").asText())
        .isEqualTo("offline/conveyor-text-writer");
    assertThat(awaiting.get("awaiting").get("reason").asText()).isEqualTo("POLICY");

    HttpResponse<byte[]> approved =
        stack.call("POST", "/api/jobs/" + jobId + "/approve", "{\"comment\": \"good\"}");
    assertThat(approved.statusCode()).isEqualTo(200);
    JsonNode done =
        stack.awaitStatus(
            jobId, s -> "APPROVED".equals(s.get("stage").asText()), Duration.ofSeconds(30));
    assertThat(done.get("finishedAt").isNull()).isFalse();

    HttpResponse<byte[]> output = stack.call("GET", "/api/jobs/" + jobId + "/output", null);
    assertThat(output.statusCode()).isEqualTo(200);
    assertThat(output.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/plain");
    assertThat(new String(output.body(), StandardCharsets.UTF_8).toLowerCase())
        .contains("backpack");
    // The output is the bucket's object, and no worker wrote to a local artifacts folder.
    String sha256 = output.headers().firstValue("ETag").orElseThrow().replace("\"", "");
    ArtifactRef ref = new ArtifactRef(sha256, "text/plain", output.body().length);
    try (S3ArtifactBucket bucket =
        S3ArtifactBucket.connect(s3.settings("e2e"), S3MockProcess.CREDENTIALS::get)) {
      assertThat(bucket.get(ref)).hasValue(output.body());
    }
    assertThat(Files.exists(stack.artifactsDir())).isFalse();

    HttpResponse<byte[]> twice = stack.call("POST", "/api/jobs/" + jobId + "/approve", null);
    assertThat(twice.statusCode()).isEqualTo(409);

    JsonNode timeline =
        LocalStack.json(stack.call("GET", "/api/jobs/" + jobId + "/timeline", null));
    assertThat(timeline.get("stage").asText()).isEqualTo("APPROVED");
    JsonNode events = timeline.get("events");
    assertThat(events.get(0).get("type").asText()).isEqualTo("SUBMITTED");
    assertThat(events.get(events.size() - 1).get("type").asText()).isEqualTo("FINISHED");
    JsonNode listed = LocalStack.json(stack.call("GET", "/api/jobs?state=finished&size=50", null));
    assertThat(listed.get("jobs").findValuesAsText("jobId")).contains(jobId);
  }

  @Test
  void image_job_is_rejected_with_comments_regenerated_and_approved() throws Exception {
    HttpResponse<byte[]> submitted =
        stack.call(
            "POST",
            "/api/jobs",
            """
            {"requirements": "A poster of a lighthouse at dawn", "outputKind": "IMAGE"}
            """);
    assertThat(submitted.statusCode()).isEqualTo(201);
    String jobId = LocalStack.json(submitted).get("jobId").asText();
    stack.awaitStatus(
        jobId, s -> "AWAITING_APPROVAL".equals(s.get("stage").asText()), Duration.ofMinutes(2));

    HttpResponse<byte[]> rejected =
        stack.call(
            "POST",
            "/api/jobs/" + jobId + "/reject",
            "{\"comment\": \"warmer colours\", \"regenerate\": true}");
    assertThat(rejected.statusCode()).isEqualTo(200);
    JsonNode revised =
        stack.awaitStatus(
            jobId,
            s ->
                "AWAITING_APPROVAL".equals(s.get("stage").asText())
                    && s.get("revision").asInt() == 1,
            Duration.ofMinutes(2));
    assertThat(revised.get("awaiting").get("reason").asText()).isEqualTo("REVISION");
    JsonNode lastAttempt = revised.get("attempts").get(revised.get("attempts").size() - 1);
    assertThat(lastAttempt.get("feedback").asText()).contains("warmer colours");

    assertThat(stack.call("POST", "/api/jobs/" + jobId + "/approve", null).statusCode())
        .isEqualTo(200);
    stack.awaitStatus(
        jobId, s -> "APPROVED".equals(s.get("stage").asText()), Duration.ofSeconds(30));

    HttpResponse<byte[]> output = stack.call("GET", "/api/jobs/" + jobId + "/output", null);
    assertThat(output.statusCode()).isEqualTo(200);
    assertThat(output.headers().firstValue("Content-Type").orElseThrow()).isEqualTo("image/png");
    BufferedImage image = ImageIO.read(new ByteArrayInputStream(output.body()));
    assertThat(image).isNotNull();
    assertThat(image.getWidth()).isGreaterThanOrEqualTo(64);
  }
}
