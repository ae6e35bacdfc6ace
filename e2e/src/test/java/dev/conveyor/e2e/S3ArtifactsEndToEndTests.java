package dev.conveyor.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conveyor.artifacts.S3ArtifactBucket;
import dev.conveyor.workflow.model.ArtifactRef;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Workers that share no folder: two worker JVMs and the starter keep artifacts in an S3 bucket
 * (Adobe S3Mock, an S3-compatible server), the workers' activities write the job's content there
 * and the starter serves the output from it.
 */
class S3ArtifactsEndToEndTests {

  private static S3MockProcess s3;
  private static LocalStack stack;

  @BeforeAll
  static void startStack() throws Exception {
    stack = new LocalStack(LocalStack.tempDir("conveyor-e2e-s3"));
    s3 = S3MockProcess.start("conveyor-e2e", stack.dir());
    stack.environment(S3MockProcess.CREDENTIALS);
    String[] settings = s3.arguments("e2e");
    stack.startWorker(settings);
    stack.startWorker(settings);
    stack.startStarter(settings);
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
  void should_serve_the_output_the_workers_wrote_to_the_bucket() throws Exception {
    HttpResponse<byte[]> submitted =
        stack.call(
            "POST",
            "/api/jobs",
            """
            {"requirements": "A product description for a waterproof hiking backpack with \
            a 30 litre capacity and padded straps",
             "outputKind": "TEXT",
             "qaCriteria": ["mentions the capacity"]}
            """);
    assertThat(submitted.statusCode()).isEqualTo(201);
    String jobId = LocalStack.json(submitted).get("jobId").asText();
    stack.awaitStatus(
        jobId, s -> "AWAITING_APPROVAL".equals(s.get("stage").asText()), Duration.ofMinutes(2));
    assertThat(stack.call("POST", "/api/jobs/" + jobId + "/approve", "{}").statusCode())
        .isEqualTo(200);
    stack.awaitStatus(
        jobId, s -> "APPROVED".equals(s.get("stage").asText()), Duration.ofSeconds(30));

    HttpResponse<byte[]> output = stack.call("GET", "/api/jobs/" + jobId + "/output", null);

    assertThat(output.statusCode()).isEqualTo(200);
    assertThat(new String(output.body(), StandardCharsets.UTF_8).toLowerCase())
        .contains("backpack");
    String sha256 = output.headers().firstValue("ETag").orElseThrow().replace("\"", "");
    ArtifactRef ref = new ArtifactRef(sha256, "text/plain", output.body().length);
    try (S3ArtifactBucket bucket =
        S3ArtifactBucket.connect(s3.settings("e2e"), S3MockProcess.CREDENTIALS::get)) {
      assertThat(bucket.get(ref)).hasValue(output.body());
    }
    assertThat(Files.exists(stack.artifactsDir())).isFalse();
  }
}
