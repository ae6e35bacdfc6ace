package dev.conveyor.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The reviewers' console in a real browser against the real stack: a worker JVM (offline models,
 * each call taking three seconds, so a new revision takes visible time), the job store's PostgreSQL
 * and a starter JVM. A reviewer logs in, opens the inbox and an image job, rejects it with a
 * comment and a regeneration, sees revision 1 arrive without reloading, approves it, and checks the
 * final state and the audit trail. Without Chromium and chromedriver it is skipped with one line
 * saying how to install them, unless {@code conveyor.browser.required} is set ({@code .ci/run}).
 */
class ConsoleBrowserEndToEndTests {

  private static final Duration WAIT = Duration.ofMinutes(2);

  private static LocalStack stack;
  private ChromeDriver browser;

  @BeforeAll
  static void startStack() throws Exception {
    if (HeadlessChromium.missing() != null) {
      // Each test then skips, or fails when the browser is required, where JUnit counts it.
      return;
    }
    stack = new LocalStack(LocalStack.tempDir("conveyor-console"));
    stack.startWorker("--conveyor.offline.latency=3s");
    stack.startStarter();
  }

  @AfterAll
  static void stopStack() throws Exception {
    if (stack != null) {
      stack.close();
    }
  }

  @BeforeEach
  void openBrowser() {
    HeadlessChromium.assumeInstalled();
    browser = HeadlessChromium.start();
  }

  @AfterEach
  void closeBrowser() {
    if (browser != null) {
      browser.quit();
    }
  }

  @Test
  void reviewer_rejects_an_image_sees_the_new_revision_live_approves_it_and_finds_the_audit()
      throws Exception {
    HttpResponse<byte[]> submitted =
        stack.call(
            "POST",
            "/api/jobs",
            """
            {"requirements": "A poster of a lighthouse at dawn", "outputKind": "IMAGE",
             "tags": ["posters"]}
            """);
    assertThat(submitted.statusCode()).isEqualTo(201);
    String jobId = LocalStack.json(submitted).get("jobId").asText();
    stack.awaitStatus(jobId, s -> "AWAITING_APPROVAL".equals(s.get("stage").asText()), WAIT);
    WebDriverWait wait = new WebDriverWait(browser, WAIT);
    wait.ignoring(StaleElementReferenceException.class);

    // Log in as a reviewer (a development user): the console sends visitors to the login form.
    browser.get(stack.baseUrl() + "/console");
    assertThat(browser.getCurrentUrl()).endsWith("/login");
    browser.findElement(By.id("username")).sendKeys("reviewer");
    browser.findElement(By.id("password")).sendKeys("reviewer-dev");
    browser.findElement(By.cssSelector("form button[type=submit]")).click();
    wait.until(d -> "reviewer".equals(text("user")));

    // The inbox lists the job once the store has recorded its wait; open it.
    wait.until(
        d -> {
          if (d.findElements(By.linkText(jobId)).isEmpty()) {
            d.navigate().refresh();
            return false;
          }
          return true;
        });
    browser.findElement(By.linkText(jobId)).click();

    // The image output shows: a PNG the offline image model drew, decoded by the browser.
    wait.until(d -> d.getCurrentUrl().endsWith("/console/jobs/" + jobId));
    String firstImage = loadedImage(wait);
    assertThat(text("stage")).isEqualTo("AWAITING_APPROVAL");
    assertThat(text("revision")).isEqualTo("0");

    // Reject with a comment and a regeneration.
    browser.findElement(By.id("comment")).sendKeys("Warmer colours, please");
    js().executeScript("window.conveyorTestMarker = 'before';");
    browser.findElement(By.id("regenerate")).click();
    wait.until(d -> String.valueOf(text("notice")).contains("revision 1"));

    // Revision 1 arrives while this page stays loaded: the marker set on it survives.
    js().executeScript("window.conveyorTestMarker = 'same page';");
    assertThat(text("stage")).isNotEqualTo("AWAITING_APPROVAL");
    wait.until(d -> "AWAITING_APPROVAL".equals(text("stage")) && "1".equals(text("revision")));
    assertThat(js().executeScript("return window.conveyorTestMarker;")).isEqualTo("same page");
    assertThat(loadedImage(wait)).isNotEqualTo(firstImage);

    // Approve it.
    browser.findElement(By.id("comment")).sendKeys("Lovely now");
    browser.findElement(By.id("approve")).click();
    wait.until(d -> "Approved.".equals(text("notice")));
    assertThat(text("stage")).isEqualTo("APPROVED");

    // The final state and the audit trail, on the page (from the store) and through the API.
    wait.until(
        d ->
            js().executeScript(
                        "return Array.from(document.querySelectorAll('#audit tbody tr')).map(r =>"
                            + " r.querySelector('.reviewer').textContent + '|' +"
                            + " r.querySelector('.comment').textContent).join(';');")
                    .equals("reviewer|Warmer colours, please;reviewer|Lovely now")
                || refreshed(d));
    JsonNode status = LocalStack.json(stack.call("GET", "/api/jobs/" + jobId, null));
    assertThat(status.get("stage").asText()).isEqualTo("APPROVED");
    assertThat(status.get("reason").asText()).isEqualTo("approved by reviewer");
    JsonNode decisions = status.get("decisions");
    assertThat(decisions).hasSize(2);
    assertThat(decisions.get(0).get("reviewer").asText()).isEqualTo("reviewer");
    assertThat(decisions.get(0).get("comment").asText()).isEqualTo("Warmer colours, please");
    assertThat(decisions.get(0).get("regenerate").asBoolean()).isTrue();
    assertThat(decisions.get(1).get("reviewer").asText()).isEqualTo("reviewer");
  }

  /** Reloads the page (the store may record the final decision a moment after the workflow). */
  private static boolean refreshed(org.openqa.selenium.WebDriver driver) {
    driver.navigate().refresh();
    return false;
  }

  /** Waits until the output image has loaded and decoded, and returns its URL. */
  private String loadedImage(WebDriverWait wait) {
    return wait.until(
        d ->
            (String)
                js().executeScript(
                        "var img = document.getElementById('output-image');"
                            + " return img && img.complete && img.naturalWidth > 0"
                            + " ? img.src : null;"));
  }

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
}
