package dev.conveyor.starter.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.conveyor.starter.config.ConveyorTemporalProperties;
import dev.conveyor.starter.testing.ConveyorAppTestSupport;
import dev.conveyor.starter.testing.Http;
import dev.conveyor.workflow.JobWorkflow;
import dev.conveyor.workflow.model.JobRequest;
import dev.conveyor.workflow.model.JobRequestValidator;
import dev.conveyor.workflow.model.OutputKind;
import dev.conveyor.workflow.model.Stage;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;

/**
 * What the job store cannot keep is refused at the door, a duplicate JSON key is refused, every
 * error answer of the API is the JSON error object (those of the servlet container included), and a
 * job whose store record is behind says so on its console page.
 */
@AutoConfigureMockMvc
class NoInputLosesAJobTests extends ConveyorAppTestSupport {

  @Autowired MockMvc mvc;
  @Autowired WorkflowClient temporal;
  @Autowired ConveyorTemporalProperties properties;
  @Autowired DataSource dataSource;
  private Http http;

  @BeforeEach
  void connect() {
    http = new Http(baseUrl());
  }

  @Test
  void should_refuse_a_nul_character_naming_the_field_and_start_nothing() {
    String key = "nul-" + UUID.randomUUID();

    HttpResponse<String> answer =
        http.post(
            "/api/jobs",
            "{\"requirements\":\"A haiku\\u0000\",\"outputKind\":\"TEXT\",\"tags\":[\"ok\","
                + " \"b\\u0000d\"]}",
            "Idempotency-Key",
            key);

    assertThat(answer.statusCode()).isEqualTo(400);
    JsonNode body = Http.json(answer);
    assertThat(body.path("fields").toString())
        .contains("\"field\":\"requirements\"")
        .contains("\"field\":\"tags[1]\"")
        .contains("NUL character");
    assertThat(http.get("/api/jobs/job-" + key).statusCode()).isEqualTo(404);
  }

  @Test
  void should_refuse_a_duplicate_key_naming_it() {
    HttpResponse<String> answer =
        http.post(
            "/api/jobs",
            "{\"requirements\":\"A haiku\",\"outputKind\":\"TEXT\",\"requirements\":\"Other\"}");

    assertThat(answer.statusCode()).isEqualTo(400);
    assertThat(Http.json(answer).path("fields").get(0).path("field").asString())
        .isEqualTo("requirements");
    assertThat(Http.json(answer).path("fields").get(0).path("message").asString())
        .isEqualTo("is given more than once");
  }

  @Test
  void should_answer_container_errors_with_the_json_error_object() throws IOException {
    HttpResponse<String> encodedSlash = http.get("/api/jobs/job-a%2Fb");
    String malformed = raw("GET /api/jobs/job-%zz HTTP/1.1");
    String wrongMethod = http.post("/api/jobs/job-1", "{}").body();
    HttpResponse<String> unknown = http.get("/api/nothing");

    assertThat(encodedSlash.statusCode()).isEqualTo(400);
    assertThat(Http.json(encodedSlash).path("error").asString()).isNotBlank();
    assertThat(encodedSlash.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
    assertThat(malformed).startsWith("HTTP/1.1 400").contains("application/json");
    assertThat(malformed.substring(malformed.indexOf("\r\n\r\n"))).contains("{\"error\":\"");
    assertThat(wrongMethod).startsWith("{\"error\":");
    assertThat(Http.json(unknown).path("error").asString()).isNotBlank();
  }

  @Test
  void should_say_on_the_console_page_that_a_record_is_behind_the_workflow() throws Exception {
    String jobId =
        Http.json(http.post("/api/jobs", "{\"requirements\":\"A slogan\",\"outputKind\":\"TEXT\"}"))
            .path("jobId")
            .asString();
    org.awaitility.Awaitility.await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                Http.json(http.get("/api/jobs/" + jobId))
                    .path("stage")
                    .asString()
                    .equals("AWAITING_APPROVAL"));
    // A write lost for good: the store still says PROMPT.
    JdbcClient.create(dataSource)
        .sql("UPDATE jobs SET stage = 'PROMPT' WHERE job_id = ?")
        .param(jobId)
        .update();

    String page = page("/console/jobs/" + jobId);

    assertThat(page)
        .contains("id=\"record-behind\"")
        .contains("the record says PROMPT, the workflow is at AWAITING_APPROVAL");
  }

  @Test
  void should_show_a_job_whose_record_never_reached_the_store() throws Exception {
    // A client that bypasses the starter: the job fails its checks, and its record, holding the
    // NUL character, can never be written.
    String jobId = "job-direct-" + UUID.randomUUID();
    JobWorkflow job =
        temporal.newWorkflowStub(
            JobWorkflow.class,
            WorkflowOptions.newBuilder()
                .setWorkflowId(jobId)
                .setTaskQueue(properties.taskQueue())
                .build());
    assertThat(job.run(JobRequest.builder("A haiku\u0000", OutputKind.TEXT).build()).state())
        .isEqualTo(Stage.FAILED);

    String page = page("/console/jobs/" + jobId);

    assertThat(page).contains("id=\"record-behind\"").contains("FAILED");
    assertThat(JobRequestValidator.NUL_MESSAGE).isNotBlank();
    mvc.perform(get("/console/jobs/job-nowhere").with(user("rita").roles("REVIEWER")))
        .andExpect(status().isNotFound());
  }

  private String page(String path) throws Exception {
    return mvc.perform(get(path).with(user("rita").roles("REVIEWER")))
        .andExpect(status().isOk())
        .andReturn()
        .getResponse()
        .getContentAsString();
  }

  /** Sends a request line the JDK's client would refuse to build, and returns the raw answer. */
  private String raw(String requestLine) throws IOException {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout(30_000);
      OutputStream out = socket.getOutputStream();
      out.write(
          (requestLine
                  + "\r\nHost: localhost\r\nX-API-Key: "
                  + Http.DEV_KEY
                  + "\r\nConnection: close\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = socket.getInputStream();
      ByteArrayOutputStream answer = new ByteArrayOutputStream();
      in.transferTo(answer);
      return answer.toString(StandardCharsets.UTF_8);
    }
  }
}
