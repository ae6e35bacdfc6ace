package dev.conveyor.starter.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.conveyor.starter.testing.ConveyorAppTestSupport;
import dev.conveyor.starter.testing.FileScriptedActivities;
import dev.conveyor.starter.testing.HeadlessChromium;
import dev.conveyor.starter.testing.Http;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import tools.jackson.databind.JsonNode;

/**
 * A reviewer in a real browser (headless Chromium): logs in, opens the inbox and an image job,
 * rejects it with a comment and a regeneration, sees revision 1 arrive without reloading, approves
 * it, and finds the final state and the audit trail. The starter runs the real workflow on
 * Temporal's test server, projecting into the job store on a real (embedded) PostgreSQL.
 */
class ConsoleBrowserTests extends ConveyorAppTestSupport {

  private static final Duration WAIT = Duration.ofSeconds(30);

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
    await().atMost(WAIT).until(() -> stage(service, jobId).equals("AWAITING_APPROVAL"));
    WebDriverWait wait = new WebDriverWait(browser, WAIT);
    // The live script swaps the page's content in; a lookup may meet an element just replaced.
    wait.ignoring(StaleElementReferenceException.class);

    // Log in as a reviewer: the console sends an anonymous visitor to the login form.
    browser.get(baseUrl() + "/console");
    assertThat(browser.getCurrentUrl()).endsWith("/login");
    browser.findElement(By.id("username")).sendKeys("reviewer");
    browser.findElement(By.id("password")).sendKeys("reviewer-dev");
    browser.findElement(By.cssSelector("form button[type=submit]")).click();

    // The inbox lists the job; open it.
    wait.until(d -> !d.findElements(By.id("inbox")).isEmpty());
    screenshot("inbox");
    assertThat(text("user")).isEqualTo("reviewer");
    browser.findElement(By.linkText(jobId)).click();

    // The image output shows.
    wait.until(d -> d.getCurrentUrl().endsWith("/console/jobs/" + jobId));
    String firstImage = loadedImageSource(wait);
    screenshot("job-awaiting");
    assertThat(text("stage")).isEqualTo("AWAITING_APPROVAL");
    assertThat(text("revision")).isEqualTo("0");

    // Reject with a comment and ask for a new revision.
    browser.findElement(By.id("comment")).sendKeys("Warmer colours, please");
    browser.findElement(By.id("regenerate")).click();
    wait.until(d -> String.valueOf(text("notice")).contains("revision 1"));
    assertThat(text("revision")).isEqualTo("1");
    assertThat(text("stage")).isNotEqualTo("AWAITING_APPROVAL");

    // Revision 1 arrives while the page stays loaded: the marker set on this page survives.
    js().executeScript("window.conveyorTestMarker = 'same page';");
    activities.release(jobId);
    wait.until(d -> "AWAITING_APPROVAL".equals(text("stage")));
    assertThat(js().executeScript("return window.conveyorTestMarker;")).isEqualTo("same page");
    String secondImage = loadedImageSource(wait);
    assertThat(secondImage).isNotEqualTo(firstImage);
    assertThat(js().executeScript("return document.querySelectorAll('#attempts tbody tr').length;"))
        .isEqualTo(2L);

    // Approve the new revision.
    browser.findElement(By.id("comment")).sendKeys("Lovely now");
    browser.findElement(By.id("approve")).click();
    wait.until(d -> "Approved.".equals(text("notice")));

    // The final state and the audit trail, on the page and through the API.
    assertThat(text("stage")).isEqualTo("APPROVED");
    screenshot("job-approved");
    Object audit =
        js().executeScript(
                "return Array.from(document.querySelectorAll('#audit tbody tr')).map(r =>"
                    + " r.querySelector('.reviewer').textContent + '|' +"
                    + " r.querySelector('.comment').textContent);");
    assertThat(audit)
        .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.LIST)
        .containsExactly("reviewer|Warmer colours, please", "reviewer|Lovely now");
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

  /** Saves what the browser shows to target/console-screenshots, for people to look at. */
  private void screenshot(String name) {
    try {
      Path dir = Files.createDirectories(Path.of("target", "console-screenshots"));
      Files.write(dir.resolve(name + ".png"), browser.getScreenshotAs(OutputType.BYTES));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Returns an element's text as the page holds it now, or null when there is none. */
  private String text(String id) {
    return (String)
        js().executeScript(
                "var e = document.getElementById(arguments[0]);"
                    + " return e ? e.textContent.trim() : null;",
                id);
  }

  private JavascriptExecutor js() {
    return browser;
  }

  private static String stage(Http http, String jobId) {
    return Http.json(http.get("/api/jobs/" + jobId)).path("stage").asString();
  }
}
