package dev.conveyor.e2e;

import java.io.File;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Starts Debian's headless Chromium through the system {@code chromedriver}, both found on the PATH
 * ({@code apt-get install chromium chromium-driver}; {@code .ci/run} installs them). Both paths are
 * given to Selenium, so Selenium Manager never downloads a browser or a driver.
 *
 * <p>Without them a browser test is skipped with one line, printed where the Maven build shows it,
 * saying how to install them; with the system property {@value #REQUIRED} set to true, as {@code
 * .ci/run} sets it, it fails instead.
 */
final class HeadlessChromium {

  /** The system property that makes a missing browser a failure rather than a skip. */
  static final String REQUIRED = "conveyor.browser.required";

  private static final String INSTALL = "apt-get install -y chromium chromium-driver";
  private static final String[] BROWSERS = {"chromium", "chromium-browser", "google-chrome"};

  private static final AtomicBoolean told = new AtomicBoolean();

  private HeadlessChromium() {}

  /**
   * Returns normally when Chromium and chromedriver can be started. Otherwise skips the calling
   * test with one line on the build's output saying how to install them, or fails it when the
   * browser is required.
   */
  static void assumeInstalled() {
    String missing = missing();
    if (missing == null) {
      return;
    }
    if (required()) {
      throw new IllegalStateException(
          missing + ", and " + REQUIRED + " is set: the browser test must run. " + INSTALL);
    }
    String line =
        "SKIPPED browser test: "
            + missing
            + ". Install them to run it: "
            + INSTALL
            + " (-D"
            + REQUIRED
            + "=true makes this a failure).";
    if (told.compareAndSet(false, true)) {
      buildOutput().println("[WARNING] " + line);
    }
    Assumptions.abort(line);
  }

  /** Returns what is missing to start the browser, or null when nothing is. */
  static String missing() {
    boolean driver = find("chromedriver") != null;
    boolean browser = System.getenv("CHROME_BIN") != null || anyOnPath(BROWSERS) != null;
    if (driver && browser) {
      return null;
    }
    if (driver) {
      return "no Chromium (" + String.join(", ", BROWSERS) + ") is on the PATH";
    }
    return browser
        ? "chromedriver is not on the PATH"
        : "Chromium and chromedriver are not on the PATH";
  }

  /** Returns whether a missing browser fails the test rather than skipping it. */
  static boolean required() {
    return Boolean.getBoolean(REQUIRED);
  }

  /**
   * Returns the test JVM's own standard error. Surefire sends {@code System.out} and {@code
   * System.err} to report files here ({@code redirectTestOutputToFile}), but prints what the forked
   * JVM writes to its native standard error in the build's output.
   */
  private static PrintStream buildOutput() {
    return new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
  }

  /** Returns a new headless browser; the caller quits it. */
  static ChromeDriver start() {
    File driver = onPath("chromedriver");
    File browser =
        Optional.ofNullable(System.getenv("CHROME_BIN"))
            .map(File::new)
            .orElseGet(() -> onPathAny(BROWSERS));
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(driver)
            .usingAnyFreePort()
            .withTimeout(Duration.ofSeconds(60))
            .build();
    ChromeOptions options = new ChromeOptions();
    options.setBinary(browser);
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-dev-shm-usage",
        "--window-size=1280,1024");
    ChromeDriver chrome = new ChromeDriver(service, options);
    chrome.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
    return chrome;
  }

  private static File onPathAny(String... names) {
    File found = anyOnPath(names);
    if (found != null) {
      return found;
    }
    throw new IllegalStateException(
        "none of " + Arrays.toString(names) + " is on the PATH: " + INSTALL);
  }

  private static File anyOnPath(String... names) {
    for (String name : names) {
      File found = find(name);
      if (found != null) {
        return found;
      }
    }
    return null;
  }

  private static File onPath(String name) {
    File found = find(name);
    if (found == null) {
      throw new IllegalStateException(name + " is not on the PATH: " + INSTALL);
    }
    return found;
  }

  private static File find(String name) {
    List<String> dirs =
        Arrays.asList(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator));
    for (String dir : dirs) {
      Path candidate = Path.of(dir, name);
      if (Files.isExecutable(candidate)) {
        return candidate.toFile();
      }
    }
    return null;
  }
}
