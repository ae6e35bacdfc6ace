package dev.conveyor.starter.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.conveyor.starter.security.ApiKeys;
import dev.conveyor.starter.testing.ConsolePages;
import dev.conveyor.starter.testing.ConveyorAppTestSupport;
import dev.conveyor.starter.testing.Http;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.RequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import tools.jackson.databind.JsonNode;

/** The console's pages, forms and security against the real workflow and the real job store. */
@AutoConfigureMockMvc
class ConsoleTests extends ConveyorAppTestSupport {

  @Autowired MockMvc mvc;
  private Http admin;

  @DynamicPropertySource
  static void keys(DynamicPropertyRegistry registry) {
    registry.add("conveyor.security.api-keys[0].name", () -> "local-dev");
    registry.add("conveyor.security.api-keys[0].sha256", () -> ApiKeys.sha256(Http.DEV_KEY));
    registry.add("conveyor.security.api-keys[0].roles", () -> "submitter,reviewer,admin");
    // A service whose principal is also a console user's name: the self-approval case.
    registry.add("conveyor.security.api-keys[1].name", () -> "rita");
    registry.add("conveyor.security.api-keys[1].sha256", () -> ApiKeys.sha256("rita-key"));
    registry.add("conveyor.security.api-keys[1].roles", () -> "submitter");
  }

  @BeforeEach
  void connect() {
    admin = new Http(baseUrl());
  }

  @Test
  void should_show_an_evaluations_run_page_with_its_progress_verdict_and_report() throws Exception {
    // given an evaluation of two cases on the default profile, run to its end
    String golden =
        "{\"requirements\": \"A blurb for a lamp.\", \"kind\": \"TEXT\"}\n"
            + "{\"requirements\": \"A blurb for a desk.\", \"kind\": \"TEXT\"}\n";
    String id =
        Http.json(admin.postAs("/api/evaluations", "application/jsonl", golden))
            .path("evaluationId")
            .asString();
    await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () -> Http.json(admin.get("/api/evaluations/" + id)).path("stage").asString(),
            "DONE"::equals);

    // when, then
    mvc.perform(get("/console/evaluations/" + id).with(reviewer()))
        .andExpect(status().isOk())
        .andExpect(content().string(org.hamcrest.Matchers.containsString("2 of 2")))
        .andExpect(
            content()
                .string(
                    org.hamcrest.Matchers.containsString(
                        "id=\"verdict\">default: scripted verdict")));
    mvc.perform(get("/console/evaluations/" + id + "/report").with(reviewer()))
        .andExpect(status().isOk())
        .andExpect(content().string(org.hamcrest.Matchers.containsString("<svg")));
  }

  private static RequestPostProcessor reviewer() {
    return user("reviewer").roles("REVIEWER");
  }

  @Test
  void should_send_anonymous_visitors_to_the_login_form() throws Exception {
    mvc.perform(get("/console")).andExpect(status().isFound()).andExpect(redirectedUrl("/login"));
    mvc.perform(get("/console/jobs/job-1/progress"))
        .andExpect(status().isFound())
        .andExpect(redirectedUrl("/login"));
    mvc.perform(get("/login"))
        .andExpect(status().isOk())
        .andExpect(
            header()
                .string(
                    "Content-Security-Policy",
                    org.hamcrest.Matchers.containsString("default-src 'self'")))
        .andExpect(content().string(org.hamcrest.Matchers.containsString("name=\"_csrf\"")));
  }

  @Test
  void should_log_in_with_the_development_users_and_refuse_a_login_without_csrf_token()
      throws Exception {
    mvc.perform(formLogin("/login").user("reviewer").password("reviewer-dev"))
        .andExpect(redirectedUrl("/console"));
    mvc.perform(formLogin("/login").user("reviewer").password("wrong"))
        .andExpect(redirectedUrl("/login?error"));
    mvc.perform(post("/login").param("username", "reviewer").param("password", "reviewer-dev"))
        .andExpect(status().isForbidden());
  }

  @Test
  void should_list_waiting_jobs_in_the_inbox_filtered_by_tag_and_age() throws Exception {
    String tag = "t" + UUID.randomUUID().toString().substring(0, 8);
    String jobId =
        awaiting(
            "{\"requirements\":\"A slogan\",\"outputKind\":\"TEXT\",\"tags\":[\"" + tag + "\"]}");

    String listed = page(get("/console").param("tag", tag).with(reviewer()));
    String otherTag = page(get("/console").param("tag", "other-" + tag).with(reviewer()));
    String tooYoung =
        page(get("/console").param("tag", tag).param("minAge", "PT1H").with(reviewer()));
    String badAge = page(get("/console").param("minAge", "an hour").with(reviewer()));

    assertThat(listed).contains("href=\"/console/jobs/" + jobId + "\"").contains(tag);
    assertThat(otherTag).doesNotContain(jobId).contains("No job is waiting for a decision.");
    assertThat(tooYoung).doesNotContain(jobId);
    assertThat(badAge)
        .contains(
            "the minimum age must be an ISO-8601 duration such as PT1H, not &#39;an hour&#39;");
  }

  @Test
  void should_show_the_job_with_prompt_output_attempts_cost_and_a_protected_decision_form()
      throws Exception {
    String jobId = awaiting("{\"requirements\":\"A slogan for tea\",\"outputKind\":\"TEXT\"}");
    JsonNode status = Http.json(admin.get("/api/jobs/" + jobId));

    String html = page(get("/console/jobs/" + jobId).with(reviewer()));
    String asSubmitter = page(get("/console/jobs/" + jobId).with(user("sam").roles("SUBMITTER")));

    assertThat(html)
        .contains("A slogan for tea")
        .contains("id=\"prompt\"")
        .contains("id=\"output-text\"")
        .contains("scripted/text-writer")
        .contains("passed")
        .contains("0.95")
        .contains("<form id=\"decision\"")
        .containsPattern("<input type=\"hidden\" name=\"_csrf\" value=\"[^\"]+\"")
        .contains(status.path("output").path("sha256").asString());
    assertThat(asSubmitter).contains("A slogan for tea").doesNotContain("<form id=\"decision\"");
  }

  @Test
  void should_show_html_code_as_escaped_text_never_as_markup() throws Exception {
    String jobId =
        awaiting(
            "{\"requirements\":\"A landing section\",\"outputKind\":\"CODE\","
                + "\"language\":\"html\"}");

    String html = page(get("/console/jobs/" + jobId).with(reviewer()));

    assertThat(html)
        .contains("<pre id=\"output-text\">&lt;p&gt;r0a1 feedback=null</pre>")
        .doesNotContain("<p>r0a1")
        .contains("scripted/coder");
  }

  @Test
  void should_serve_only_the_jobs_own_artifacts() throws Exception {
    String jobId = awaiting("{\"requirements\":\"A slogan\",\"outputKind\":\"TEXT\"}");
    String sha =
        Http.json(admin.get("/api/jobs/" + jobId)).path("output").path("sha256").asString();

    mvc.perform(get("/console/jobs/" + jobId + "/artifacts/" + sha).with(reviewer()))
        .andExpect(status().isOk())
        .andExpect(header().string("Content-Type", "text/plain;charset=utf-8"));
    mvc.perform(get("/console/jobs/" + jobId + "/artifacts/" + "0".repeat(64)).with(reviewer()))
        .andExpect(status().isNotFound());
    mvc.perform(get("/console/jobs/" + jobId + "/artifacts/" + sha)).andExpect(status().isFound());
  }

  @Test
  void should_answer_progress_as_json_for_the_live_script() throws Exception {
    String jobId = awaiting("{\"requirements\":\"A slogan\",\"outputKind\":\"TEXT\"}");

    mvc.perform(get("/console/jobs/" + jobId + "/progress").with(reviewer()))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.stage").value("AWAITING_APPROVAL"))
        .andExpect(jsonPath("$.revision").value(0))
        .andExpect(jsonPath("$.final").value(false))
        .andExpect(jsonPath("$.version").isString());
  }

  @Test
  void should_refuse_a_decision_without_csrf_token_or_without_the_reviewer_role() throws Exception {
    String jobId = awaiting("{\"requirements\":\"A slogan\",\"outputKind\":\"TEXT\"}");

    mvc.perform(
            post("/console/jobs/" + jobId + "/decision")
                .param("action", "approve")
                .with(reviewer()))
        .andExpect(status().isForbidden());
    mvc.perform(
            post("/console/jobs/" + jobId + "/decision")
                .param("action", "approve")
                .with(csrf().useInvalidToken())
                .with(reviewer()))
        .andExpect(status().isForbidden());
    mvc.perform(
            post("/console/jobs/" + jobId + "/decision")
                .param("action", "approve")
                .with(csrf())
                .with(user("sam").roles("SUBMITTER")))
        .andExpect(status().isForbidden());
    mvc.perform(
            post("/console/jobs/" + jobId + "/decision").param("action", "approve").with(csrf()))
        .andExpect(redirectedUrl("/login"));

    assertThat(stage(jobId)).isEqualTo("AWAITING_APPROVAL");
  }

  @Test
  void should_approve_as_the_logged_in_reviewer_and_record_them_in_the_audit_trail()
      throws Exception {
    String jobId = awaiting("{\"requirements\":\"A slogan\",\"outputKind\":\"TEXT\"}");

    mvc.perform(
            post("/console/jobs/" + jobId + "/decision")
                .param("action", "approve")
                .param("comment", "Crisp")
                .param("reviewer", "someone-else")
                .with(csrf())
                .with(reviewer()))
        .andExpect(redirectedUrl("/console/jobs/" + jobId))
        .andExpect(flash().attribute("notice", "Approved."));

    JsonNode status = Http.json(admin.get("/api/jobs/" + jobId));
    assertThat(status.path("stage").asString()).isEqualTo("APPROVED");
    JsonNode decision = status.path("decisions").get(0);
    assertThat(decision.path("reviewer").asString()).isEqualTo("reviewer");
    assertThat(decision.path("comment").asString()).isEqualTo("Crisp");
    assertThat(page(get("/console/jobs/" + jobId).with(reviewer())))
        .contains("<td class=\"reviewer\">reviewer</td>")
        .contains("<td class=\"comment\">Crisp</td>")
        .doesNotContain("<form id=\"decision\"");
  }

  @Test
  void should_reject_with_a_comment_and_regenerate_a_new_revision() throws Exception {
    String jobId = awaiting("{\"requirements\":\"A slogan\",\"outputKind\":\"TEXT\"}");

    mvc.perform(
            post("/console/jobs/" + jobId + "/decision")
                .param("action", "regenerate")
                .with(csrf())
                .with(reviewer()))
        .andExpect(
            flash().attribute("error", "A rejection needs a comment for the next revision."));
    mvc.perform(
            post("/console/jobs/" + jobId + "/decision")
                .param("action", "regenerate")
                .param("comment", "Warmer")
                .with(csrf())
                .with(reviewer()))
        .andExpect(flash().attribute("notice", "Rejected: revision 1 is being generated."));

    await().atMost(Duration.ofSeconds(20)).until(() -> stage(jobId).equals("AWAITING_APPROVAL"));
    JsonNode status = Http.json(admin.get("/api/jobs/" + jobId));
    assertThat(status.path("revision").asInt()).isEqualTo(1);
    assertThat(status.path("decisions").get(0).path("reviewer").asString()).isEqualTo("reviewer");
    assertThat(status.path("decisions").get(0).path("regenerate").asBoolean()).isTrue();
  }

  @Test
  void should_refuse_an_approval_by_the_jobs_own_submitter() throws Exception {
    String jobId =
        awaiting(
            new Http(baseUrl(), "rita-key"),
            "{\"requirements\":\"A slogan\",\"outputKind\":\"TEXT\"}");

    mvc.perform(
            post("/console/jobs/" + jobId + "/decision")
                .param("action", "approve")
                .with(csrf())
                .with(user("rita").roles("REVIEWER")))
        .andExpect(
            flash()
                .attribute(
                    "error",
                    "rita submitted job "
                        + jobId
                        + " and may not approve it: another reviewer must"
                        + " (conveyor.security.allow-self-approval is false)"));

    assertThat(stage(jobId)).isEqualTo("AWAITING_APPROVAL");
  }

  @Test
  void should_answer_400_with_a_page_when_the_decision_has_no_action() throws Exception {
    mvc.perform(post("/console/jobs/job-1/decision").with(csrf()).with(reviewer()))
        .andExpect(status().isBadRequest())
        .andExpect(content().contentTypeCompatibleWith("text/html"));
  }

  @Test
  void should_answer_404_with_a_page_for_an_unknown_job() throws Exception {
    mvc.perform(get("/console/jobs/job-unknown").with(reviewer()))
        .andExpect(status().isNotFound())
        .andExpect(
            content().string(org.hamcrest.Matchers.containsString("job job-unknown not found")));
  }

  private String page(RequestBuilder request) throws Exception {
    return ConsolePages.ok(mvc, request);
  }

  private String awaiting(String body) {
    return awaiting(admin, body);
  }

  private String awaiting(Http http, String body) {
    String jobId = Http.json(http.post("/api/jobs", body)).path("jobId").asString();
    await().atMost(Duration.ofSeconds(20)).until(() -> stage(jobId).equals("AWAITING_APPROVAL"));
    return jobId;
  }

  private String stage(String jobId) {
    return Http.json(admin.get("/api/jobs/" + jobId)).path("stage").asString();
  }
}
