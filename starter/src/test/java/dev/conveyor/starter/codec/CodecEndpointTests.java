package dev.conveyor.starter.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.options;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.google.protobuf.ByteString;
import com.google.protobuf.util.JsonFormat;
import dev.conveyor.starter.security.ApiKeys;
import dev.conveyor.starter.testing.ConveyorAppTestSupport;
import dev.conveyor.starter.testing.Http;
import io.temporal.api.common.v1.Payload;
import io.temporal.api.common.v1.Payloads;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import io.temporal.common.WorkflowExecutionHistory;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;

/**
 * The starter with payload encryption on: jobs and decisions through the REST API leave no job text
 * in Temporal's history, and the codec endpoint decodes it for reviewers and admins only, from the
 * Temporal UI's origin only.
 */
@AutoConfigureMockMvc
class CodecEndpointTests extends ConveyorAppTestSupport {

  private static final String UI = "http://localhost:8233";
  private static final String KEY_A = Base64.getEncoder().encodeToString(bytes(32, 1));
  private static final String KEY_B = Base64.getEncoder().encodeToString(bytes(32, 2));

  @Autowired MockMvc mvc;
  @Autowired WorkflowClient temporal;

  @DynamicPropertySource
  static void codec(DynamicPropertyRegistry registry) {
    registry.add("conveyor.codec.keys[0].id", () -> "2026-05");
    registry.add("conveyor.codec.keys[0].key", () -> KEY_A);
    registry.add("conveyor.codec.keys[1].id", () -> "2026-11");
    registry.add("conveyor.codec.keys[1].key", () -> KEY_B);
    registry.add("conveyor.codec.allowed-origins", () -> UI);
    String[][] keys = {
      {"shop", "submitter-key", "submitter"},
      {"rita", "reviewer-key", "reviewer"},
      {"ops", "admin-key", "admin"}
    };
    for (int i = 0; i < keys.length; i++) {
      String[] key = keys[i];
      registry.add("conveyor.security.api-keys[" + i + "].name", () -> key[0]);
      registry.add("conveyor.security.api-keys[" + i + "].sha256", () -> ApiKeys.sha256(key[1]));
      registry.add("conveyor.security.api-keys[" + i + "].roles", () -> key[2]);
    }
    String[][] users = {{"rev", "reviewer"}, {"sub", "submitter"}};
    for (int i = 0; i < users.length; i++) {
      String[] user = users[i];
      registry.add("conveyor.security.users[" + i + "].name", () -> user[0]);
      registry.add("conveyor.security.users[" + i + "].password", () -> "{noop}pw-" + user[0]);
      registry.add("conveyor.security.users[" + i + "].roles", () -> user[1]);
    }
  }

  @Test
  void should_keep_the_jobs_text_out_of_temporal_and_decode_it_for_a_reviewer() throws Exception {
    // given a job submitted, rejected for a new revision, then approved, all with comments
    String requirements = "Describe the Wombat-7 thermos for the Pelican catalogue";
    String rejection = "mention the Ocelot lid";
    String approval = "fine for Marmoset Ltd";
    Http submitter = new Http(baseUrl(), "submitter-key");
    Http reviewer = new Http(baseUrl(), "reviewer-key");
    String jobId =
        Http.json(
                submitter.post(
                    "/api/jobs",
                    "{\"requirements\":\"" + requirements + "\",\"outputKind\":\"TEXT\"}"))
            .path("jobId")
            .asString();
    awaitAwaiting(reviewer, jobId, 0);
    assertThat(
            reviewer
                .post(
                    "/api/jobs/" + jobId + "/reject",
                    "{\"comment\":\"" + rejection + "\",\"regenerate\":true}")
                .statusCode())
        .isEqualTo(200);
    awaitAwaiting(reviewer, jobId, 1);

    // when
    HttpResponse<String> approved =
        reviewer.post("/api/jobs/" + jobId + "/approve", "{\"comment\":\"" + approval + "\"}");

    // then the decisions took effect with the codec on
    assertThat(approved.statusCode()).isEqualTo(200);
    JsonNode done =
        await()
            .atMost(Duration.ofSeconds(20))
            .until(
                () -> Http.json(reviewer.get("/api/jobs/" + jobId)),
                status -> "APPROVED".equals(status.path("stage").asString()));
    assertThat(done.path("decisions").toString()).contains(rejection).contains(approval);

    // and Temporal's history holds none of the job's text
    WorkflowExecutionHistory history = temporal.fetchHistory(jobId);
    String raw = new String(history.getHistory().toByteArray(), StandardCharsets.UTF_8);
    for (String text : List.of(requirements, rejection, approval)) {
      assertThat(raw).doesNotContain(text);
      assertThat(history.toJson(false)).doesNotContain(text);
    }

    // and the codec endpoint decodes the job's input for a reviewer
    HistoryEvent started = history.getEvents().get(0);
    String input =
        JsonFormat.printer().print(started.getWorkflowExecutionStartedEventAttributes().getInput());
    HttpResponse<String> decoded = reviewer.post("/codec/decode", input, "X-Namespace", "default");
    assertThat(decoded.statusCode()).isEqualTo(200);
    assertThat(dataOf(decoded.body())).contains(requirements);
  }

  @Test
  void should_encode_with_the_newest_key_and_decode_what_it_encoded() throws Exception {
    Http admin = new Http(baseUrl(), "admin-key");
    String plain = payloads(jsonPayload("\"the secret plan\""));

    HttpResponse<String> encoded = admin.post("/codec/encode", plain, "X-Namespace", "default");
    HttpResponse<String> decoded = admin.post("/codec/decode", encoded.body());

    assertThat(encoded.statusCode()).isEqualTo(200);
    Payload sealed = parse(encoded.body()).getPayloads(0);
    assertThat(sealed.getMetadataMap().get("encoding").toStringUtf8())
        .isEqualTo("binary/encrypted");
    assertThat(sealed.getMetadataMap().get("encryption-key-id").toStringUtf8())
        .isEqualTo("2026-11");
    assertThat(sealed.getData().toStringUtf8()).doesNotContain("secret plan");
    assertThat(decoded.statusCode()).isEqualTo(200);
    assertThat(parse(decoded.body())).isEqualTo(parse(plain));
  }

  @Test
  void should_name_the_key_id_of_a_payload_it_has_no_key_for() throws Exception {
    Payload unknown =
        Payload.newBuilder()
            .putMetadata("encoding", ByteString.copyFromUtf8("binary/encrypted"))
            .putMetadata("encryption-key-id", ByteString.copyFromUtf8("2025-01"))
            .setData(ByteString.copyFrom(bytes(40, 3)))
            .build();

    HttpResponse<String> answer =
        new Http(baseUrl(), "reviewer-key").post("/codec/decode", payloads(unknown));

    assertThat(answer.statusCode()).isEqualTo(400);
    assertThat(Http.json(answer).path("error").asString())
        .startsWith("a payload is encrypted with key '2025-01', which is not configured");
  }

  @Test
  void should_answer_400_naming_the_body_when_it_is_not_payloads() {
    HttpResponse<String> answer =
        new Http(baseUrl(), "reviewer-key").post("/codec/decode", "{\"payloads\": 3}");

    assertThat(answer.statusCode()).isEqualTo(400);
    assertThat(Http.json(answer).path("error").asString())
        .startsWith("the body is not a JSON Payloads object");
  }

  static Stream<Arguments> callers() {
    return Stream.of(
        Arguments.of(null, "/codec/decode", 401),
        Arguments.of(null, "/codec/encode", 401),
        Arguments.of("submitter-key", "/codec/decode", 403),
        Arguments.of("submitter-key", "/codec/encode", 403),
        Arguments.of("reviewer-key", "/codec/decode", 200),
        Arguments.of("reviewer-key", "/codec/encode", 200),
        Arguments.of("admin-key", "/codec/decode", 200),
        Arguments.of("admin-key", "/codec/encode", 200),
        Arguments.of("not-a-key", "/codec/decode", 401));
  }

  @ParameterizedTest(name = "{0} on {1}: {2}")
  @MethodSource("callers")
  void should_open_the_endpoint_to_reviewers_and_admins_only(
      String apiKey, String path, int expected) {
    HttpResponse<String> answer =
        new Http(baseUrl(), apiKey).post(path, payloads(jsonPayload("\"x\"")));

    assertThat(answer.statusCode()).isEqualTo(expected);
    if (expected != 200) {
      assertThat(Http.json(answer).path("error").asString()).isNotBlank();
    }
  }

  @Test
  void should_answer_the_ui_origins_preflight_and_refuse_any_other_origin() throws Exception {
    mvc.perform(
            options("/codec/decode")
                .header("Origin", UI)
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization,content-type,x-namespace"))
        .andExpect(status().isOk())
        .andExpect(header().string("Access-Control-Allow-Origin", UI))
        .andExpect(header().string("Access-Control-Allow-Credentials", "true"))
        .andExpect(
            header()
                .string(
                    "Access-Control-Allow-Headers",
                    org.hamcrest.Matchers.allOf(
                        org.hamcrest.Matchers.containsStringIgnoringCase("authorization"),
                        org.hamcrest.Matchers.containsStringIgnoringCase("content-type"),
                        org.hamcrest.Matchers.containsStringIgnoringCase("x-namespace"))));
    mvc.perform(
            options("/codec/decode")
                .header("Origin", "http://evil.example")
                .header("Access-Control-Request-Method", "POST"))
        .andExpect(status().isForbidden())
        .andExpect(header().doesNotExist("Access-Control-Allow-Origin"));
  }

  @Test
  void should_decode_for_a_reviewer_signed_in_to_the_console_and_not_for_a_submitter()
      throws Exception {
    MockHttpSession reviewer = login("rev", "pw-rev");
    MockHttpSession submitter = login("sub", "pw-sub");
    String body = payloads(jsonPayload("\"x\""));

    mvc.perform(
            post("/codec/decode")
                .session(reviewer)
                .header("Origin", UI)
                .header("X-Namespace", "default")
                .contentType("application/json")
                .content(body))
        .andExpect(status().isOk())
        .andExpect(header().string("Access-Control-Allow-Origin", UI));
    mvc.perform(
            post("/codec/decode")
                .session(submitter)
                .header("Origin", UI)
                .contentType("application/json")
                .content(body))
        .andExpect(status().isForbidden());
  }

  private MockHttpSession login(String user, String password) throws Exception {
    return (MockHttpSession)
        mvc.perform(formLogin("/login").user(user).password(password))
            .andExpect(status().isFound())
            .andExpect(header().string("Location", org.hamcrest.Matchers.endsWith("/console")))
            .andReturn()
            .getRequest()
            .getSession(false);
  }

  private static void awaitAwaiting(Http http, String jobId, int revision) {
    await()
        .atMost(Duration.ofSeconds(20))
        .pollInterval(Duration.ofMillis(50))
        .until(
            () -> Http.json(http.get("/api/jobs/" + jobId)),
            status ->
                "AWAITING_APPROVAL".equals(status.path("stage").asString())
                    && status.path("revision").asInt() == revision);
  }

  private static Payload jsonPayload(String json) {
    return Payload.newBuilder()
        .putMetadata("encoding", ByteString.copyFromUtf8("json/plain"))
        .setData(ByteString.copyFromUtf8(json))
        .build();
  }

  private static String payloads(Payload payload) {
    try {
      return JsonFormat.printer().print(Payloads.newBuilder().addPayloads(payload));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static Payloads parse(String json) throws Exception {
    Payloads.Builder payloads = Payloads.newBuilder();
    JsonFormat.parser().merge(json, payloads);
    return payloads.build();
  }

  private static String dataOf(String json) throws Exception {
    StringBuilder data = new StringBuilder();
    for (Payload payload : parse(json).getPayloadsList()) {
      data.append(payload.getData().toStringUtf8());
    }
    return data.toString();
  }

  private static byte[] bytes(int length, int seed) {
    byte[] bytes = new byte[length];
    for (int i = 0; i < length; i++) {
      bytes[i] = (byte) (seed * 37 + i);
    }
    return bytes;
  }
}
