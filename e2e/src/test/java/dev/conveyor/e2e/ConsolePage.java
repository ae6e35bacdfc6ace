package dev.conveyor.e2e;

import java.time.Duration;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The reviewers' console as a browser shows it: signing in, opening a job from the inbox, reading
 * the page's fields by id and the output image, and waiting for what a reviewer waits for.
 */
final class ConsolePage {

  private final ChromeDriver browser;
  private final String baseUrl;
  private final WebDriverWait wait;

  ConsolePage(ChromeDriver browser, String baseUrl, Duration patience) {
    this.browser = browser;
    this.baseUrl = baseUrl;
    this.wait = new WebDriverWait(browser, patience);
    wait.ignoring(StaleElementReferenceException.class);
  }

  /** Opens the console, which sends a visitor to the login form, and signs in. */
  void signIn(String username, String password) {
    browser.get(baseUrl + "/console");
    if (!browser.getCurrentUrl().endsWith("/login")) {
      throw new AssertionError("the console did not ask for a login: " + browser.getCurrentUrl());
    }
    browser.findElement(By.id("username")).sendKeys(username);
    browser.findElement(By.id("password")).sendKeys(password);
    browser.findElement(By.cssSelector("form button[type=submit]")).click();
    wait.until(d -> username.equals(text("user")));
  }

  /** Waits until the inbox lists the job (reloading it), then opens the job's page. */
  void openFromInbox(String jobId) {
    wait.until(
        d -> {
          if (d.findElements(By.linkText(jobId)).isEmpty()) {
            d.navigate().refresh();
            return false;
          }
          return true;
        });
    browser.findElement(By.linkText(jobId)).click();
    wait.until(d -> d.getCurrentUrl().endsWith("/console/jobs/" + jobId));
  }

  /** Types into a field. */
  void type(String id, String text) {
    browser.findElement(By.id(id)).sendKeys(text);
  }

  /** Clicks a button. */
  void click(String id) {
    browser.findElement(By.id(id)).click();
  }

  /** Waits until the page shows this condition, reloading it when {@code reload} is set. */
  void await(java.util.function.Predicate<ConsolePage> condition, boolean reload) {
    wait.until(
        d -> {
          if (condition.test(this)) {
            return true;
          }
          if (reload) {
            d.navigate().refresh();
          }
          return false;
        });
  }

  /** The trimmed text of the element with this id, or null when the page has none. */
  String text(String id) {
    return (String)
        js().executeScript(
                "var e = document.getElementById(arguments[0]);"
                    + " return e ? e.textContent.trim() : null;",
                id);
  }

  /** Waits until the output image has loaded and decoded, and returns its URL. */
  String loadedImage() {
    return wait.until(
        d ->
            (String)
                js().executeScript(
                        "var img = document.getElementById('output-image');"
                            + " return img && img.complete && img.naturalWidth > 0"
                            + " ? img.src : null;"));
  }

  /** The audit trail's rows as {@code reviewer|comment}, joined with {@code ;}. */
  String auditTrail() {
    return (String)
        js().executeScript(
                "return Array.from(document.querySelectorAll('#audit tbody tr')).map(r =>"
                    + " r.querySelector('.reviewer').textContent + '|' +"
                    + " r.querySelector('.comment').textContent).join(';');");
  }

  /** Runs a script in the page, for markers that show whether the page was reloaded. */
  Object script(String script) {
    return js().executeScript(script);
  }

  WebDriver driver() {
    return browser;
  }

  private JavascriptExecutor js() {
    return browser;
  }
}
