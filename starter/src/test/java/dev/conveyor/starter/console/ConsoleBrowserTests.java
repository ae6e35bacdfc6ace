package dev.conveyor.starter.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.conveyor.starter.testing.ConveyorAppTestSupport;
import dev.conveyor.starter.testing.FileScriptedActivities;
import dev.conveyor.starter.testing.HeadlessChromium;
import dev.conveyor.starter.testing.Http;
import dev.conveyor.starter.testing.StatusJobQueries;
import dev.conveyor.starter.testing.StoreTestConfiguration;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import tools.jackson.databind.JsonNode;

/**
 * A reviewer in a real browser (headless Chromium): logs in, opens the inbox and an image job,
 * rejects it with a comment and a regeneration, sees revision 1 arrive without reloading, approves
 * it, and finds the final state and the audit trail. The starter runs the real workflow on
 * Temporal's test server; the job store is the {@link StatusJobQueries} double.
 */
@Import(StoreTestConfiguration.class)
class ConsoleBrowserTests extends ConveyorAppTestSupport {

  private static final Duration WAIT = Duration.ofSeconds(30);

  @Autowired StatusJobQueries store;

  private ChromeDriver browser;

  @BeforeEach
  void openBrowser() {
    browser = HeadlessChromium.start();
  }

  @AfterEach
  void closeBrowser() {
    if (browser != null) {
      browser.quit();
    }
  }

  @Test
  void reviewer_rejects_an_image_with_a_comment_sees_the_new_revision_live_and_approves_it() {
    Http service = new Http(baseUrl());
    String jobId =
        Http.json(
                service.post(
                    "/api/jobs",
                    "{\"requirements\":\"A poster of a lighthouse at dawn "
                        + FileScriptedActivities.HOLD_REVISIONS
                        + "\",\"outputKind\":\"IMAGE\",\"tags\":[\"posters\"]}"))
            .path("jobId")
            .asString();
    store.track(jobId);
    await().atMost(WAIT).until(() -> stage(service, jobId).equals("AWAITING_APPROVAL"));
    WebDriverWait wait = new WebDriverWait(browser, WAIT);

    // Log in as a reviewer: the console sends an anonymous visitor to the login form.
    browser.get(baseUrl() + "/console");
    assertThat(browser.getCurrentUrl()).endsWith("/login");
    browser.findElement(By.id("username")).sendKeys("reviewer");
    browser.findElement(By.id("password")).sendKeys("reviewer-dev");
    browser.findElement(By.cssSelector("form button[type=submit]")).click();

    // The inbox lists the job; open it.
    wait.until(d -> !d.findElements(By.id("inbox")).isEmpty());
    assertThat(browser.findElement(By.id("user")).getText()).isEqualTo("reviewer");
    browser.findElement(By.linkText(jobId)).click();

    // The image output shows.
    wait.until(d -> d.getCurrentUrl().endsWith("/console/jobs/" + jobId));
    String firstImage = loadedImageSource(wait);
    assertThat(browser.findElement(By.id("stage")).getText()).isEqualTo("AWAITING_APPROVAL");
    assertThat(browser.findElement(By.id("revision")).getText()).isEqualTo("0");

    // Reject with a comment and ask for a new revision.
    browser.findElement(By.id("comment")).sendKeys("Warmer colours, please");
    browser.findElement(By.id("regenerate")).click();
    wait.until(d -> d.findElement(By.id("notice")).getText().contains("revision 1"));
    assertThat(browser.findElement(By.id("revision")).getText()).isEqualTo("1");
    assertThat(browser.findElement(By.id("stage")).getText()).isNotEqualTo("AWAITING_APPROVAL");

    // Revision 1 arrives while the page stays loaded: the marker set on this page survives.
    js().executeScript("window.conveyorTestMarker = 'same page';");
    activities.release(jobId);
    wait.until(d -> d.findElement(By.id("stage")).getText().equals("AWAITING_APPROVAL"));
    assertThat(js().executeScript("return window.conveyorTestMarker;")).isEqualTo("same page");
    String secondImage = loadedImageSource(wait);
    assertThat(secondImage).isNotEqualTo(firstImage);
    assertThat(browser.findElements(By.cssSelector("#attempts tbody tr"))).hasSize(2);

    // Approve the new revision.
    browser.findElement(By.id("comment")).sendKeys("Lovely now");
    browser.findElement(By.id("approve")).click();
    wait.until(d -> d.findElement(By.id("notice")).getText().equals("Approved."));

    // The final state and the audit trail, on the page and through the API.
    assertThat(browser.findElement(By.id("stage")).getText()).isEqualTo("APPROVED");
    List<WebElement> audit = browser.findElements(By.cssSelector("#audit tbody tr"));
    assertThat(audit).hasSize(2);
    assertThat(audit.get(0).findElement(By.className("reviewer")).getText()).isEqualTo("reviewer");
    assertThat(audit.get(0).findElement(By.className("comment")).getText())
        .isEqualTo("Warmer colours, please");
    assertThat(audit.get(1).findElement(By.className("reviewer")).getText()).isEqualTo("reviewer");
    JsonNode status = Http.json(service.get("/api/jobs/" + jobId));
    assertThat(status.path("stage").asString()).isEqualTo("APPROVED");
    assertThat(status.path("reason").asString()).isEqualTo("approved by reviewer");
    assertThat(status.path("decisions").get(0).path("reviewer").asString()).isEqualTo("reviewer");
    assertThat(status.path("decisions").get(0).path("comment").asString())
        .isEqualTo("Warmer colours, please");
    assertThat(status.path("decisions").get(0).path("regenerate").asBoolean()).isTrue();
  }

  /** Waits until the output image has loaded and decoded, and returns its URL. */
  private String loadedImageSource(WebDriverWait wait) {
    return wait.until(
        d -> {
          Object loaded =
              js().executeScript(
                      "var img = document.getElementById('output-image');"
                          + " return img && img.complete && img.naturalWidth > 0 ? img.src : null;");
          return (String) loaded;
        });
  }

  private JavascriptExecutor js() {
    return browser;
  }

  private static String stage(Http http, String jobId) {
    return Http.json(http.get("/api/jobs/" + jobId)).path("stage").asString();
  }
}
