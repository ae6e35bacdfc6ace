package dev.conveyor.starter.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.conveyor.starter.testing.BundleRequests;
import dev.conveyor.starter.testing.ConsolePages;
import dev.conveyor.starter.testing.ConveyorAppTestSupport;
import dev.conveyor.starter.testing.Http;
import java.time.Duration;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import tools.jackson.databind.JsonNode;

/** The console's bundle page, its preview and its one decision, against the real workflows. */
@AutoConfigureMockMvc
class BundleConsoleTests extends ConveyorAppTestSupport {

  @Autowired MockMvc mvc;
  private Http api;

  @BeforeEach
  void connect() {
    api = new Http(baseUrl());
  }

  private static RequestPostProcessor reviewer() {
    return user("reviewer").roles("REVIEWER");
  }

  @Test
  void should_show_every_part_side_by_side_with_its_verdicts_and_the_html_in_a_sandbox()
      throws Exception {
    // given
    String id = submitAndAwait();

    // when
    Document page =
        Jsoup.parse(ConsolePages.ok(mvc, get("/console/bundles/" + id).with(reviewer())));

    // then every part is there with its QA and cross-part verdicts, and a box to send it back
    assertThat(page.select("#stage").text()).isEqualTo("AWAITING_APPROVAL");
    assertThat(page.select("article.part h3").eachText())
        .containsExactly("headline", "hero", "landing");
    assertThat(page.select("#part-headline .verdict.qa").text()).startsWith("passed");
    assertThat(page.select("#part-hero img").attr("src"))
        .isEqualTo("/console/bundles/" + id + "/files/hero.png");
    assertThat(page.select("#part-landing pre").text()).contains("<img src=\"hero.png\"");
    assertThat(page.select("input[name=part]").eachAttr("value"))
        .containsExactly("headline", "hero", "landing");
    // and the assembled HTML is framed in a sandbox that allows no script
    Element frame = page.selectFirst("iframe#preview-landing");
    assertThat(frame).isNotNull();
    assertThat(frame.hasAttr("sandbox")).isTrue();
    assertThat(frame.attr("sandbox")).doesNotContain("allow-scripts");
    assertThat(frame.attr("src")).isEqualTo("/console/bundles/" + id + "/preview/landing");
  }

  @Test
  void should_serve_the_preview_with_the_hero_inlined_under_a_policy_that_runs_no_script()
      throws Exception {
    // given
    String id = submitAndAwait();

    // when
    MockHttpServletResponse preview =
        mvc.perform(get("/console/bundles/" + id + "/preview/landing").with(reviewer()))
            .andExpect(status().isOk())
            .andReturn()
            .getResponse();

    // then the image is in place as data, and the policy sandboxes the page
    Document page = Jsoup.parse(preview.getContentAsString());
    assertThat(page.select("img").attr("src")).startsWith("data:image/png;base64,");
    String policy = preview.getHeader("Content-Security-Policy");
    assertThat(policy)
        .startsWith("sandbox;")
        .contains("default-src 'none'", "img-src data:", "frame-ancestors 'self'")
        .doesNotContain("allow-scripts", "script-src");
    assertThat(preview.getContentType()).startsWith("text/html");
    mvc.perform(get("/console/bundles/" + id + "/preview/headline").with(reviewer()))
        .andExpect(status().isNotFound());
  }

  @Test
  void should_send_the_ticked_part_back_with_its_comment_then_approve_every_part()
      throws Exception {
    // given
    String id = submitAndAwait();

    // when
    mvc.perform(
            post("/console/bundles/" + id + "/decision")
                .with(reviewer())
                .with(csrf())
                .param("action", "sendback")
                .param("part", "hero")
                .param("comment-hero", "a bluer sky"))
        .andExpect(status().isFound())
        .andExpect(redirectedUrl("/console/bundles/" + id))
        .andExpect(flash().attribute("notice", "Sent back: the parts run again (revision 1)."));
    JsonNode again = awaitDecision(id, 1);
    mvc.perform(
            post("/console/bundles/" + id + "/decision")
                .with(reviewer())
                .with(csrf())
                .param("action", "approve"))
        .andExpect(flash().attribute("notice", "Approved."));

    // then
    assertThat(again.path("parts").findValuesAsString("jobId"))
        .containsExactly(id + ".headline.1", id + ".hero.2", id + ".landing.2");
    assertThat(again.path("parts").get(1).path("feedback").asString())
        .isEqualTo("Reviewer feedback: a bluer sky");
    JsonNode approved = Http.json(api.get("/api/bundles/" + id));
    assertThat(approved.path("stage").asString()).isEqualTo("APPROVED");
    assertThat(approved.path("decidedBy").asString()).isEqualTo("reviewer");
  }

  @Test
  void should_refuse_a_decision_from_a_submitter_and_show_no_form() throws Exception {
    // given
    String id = submitAndAwait();
    RequestPostProcessor submitter = user("sam").roles("SUBMITTER");

    // when
    Document page =
        Jsoup.parse(ConsolePages.ok(mvc, get("/console/bundles/" + id).with(submitter)));

    // then
    assertThat(page.select("form#decision button")).isEmpty();
    mvc.perform(
            post("/console/bundles/" + id + "/decision")
                .with(submitter)
                .with(csrf())
                .param("action", "approve"))
        .andExpect(status().isForbidden());
  }

  @Test
  void should_list_a_bundle_awaiting_approval_in_the_inbox_linked_to_its_page() throws Exception {
    // given
    String id = submitAndAwait();

    // when
    Document inbox =
        await()
            .atMost(Duration.ofSeconds(30))
            .pollInterval(Duration.ofMillis(100))
            .until(
                () -> Jsoup.parse(ConsolePages.ok(mvc, get("/console").with(reviewer()))),
                page -> !page.select("#inbox a[href=/console/bundles/" + id + "]").isEmpty());

    // then the bundle is one row, marked as a bundle, and none of its parts' jobs is a row
    Element row = inbox.selectFirst("#inbox a[href=/console/bundles/" + id + "]").closest("tr");
    assertThat(row.select("td").get(1).text()).isEqualTo("BUNDLE");
    assertThat(row.select("td").get(2).text()).isEqualTo("one decision on every part");
    assertThat(inbox.select("#inbox a").eachText()).noneMatch(text -> text.startsWith(id + "."));
  }

  private String submitAndAwait() {
    String id =
        Http.json(api.post("/api/bundles", BundleRequests.LANDING_PAGE))
            .path("bundleId")
            .asString();
    awaitDecision(id, 0);
    return id;
  }

  private JsonNode awaitDecision(String id, int revision) {
    return await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(100))
        .until(
            () -> Http.json(api.get("/api/bundles/" + id)),
            status ->
                status.path("stage").asString().equals("AWAITING_APPROVAL")
                    && status.path("revision").asInt() == revision);
  }
}
