package dev.conveyor.e2e;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Starts Debian's headless Chromium through the system {@code chromedriver}, both found on the PATH
 * ({@code apt-get install chromium chromium-driver}; {@code .ci/run} installs them). Both paths are
 * given to Selenium, so Selenium Manager never downloads a browser or a driver.
 */
final class HeadlessChromium {

  private HeadlessChromium() {}

  /** Returns a new headless browser; the caller quits it. */
  static ChromeDriver start() {
    File driver = onPath("chromedriver");
    File browser =
        Optional.ofNullable(System.getenv("CHROME_BIN"))
            .map(File::new)
            .orElseGet(() -> onPathAny("chromium", "chromium-browser", "google-chrome"));
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
    for (String name : names) {
      File found = find(name);
      if (found != null) {
        return found;
      }
    }
    throw new IllegalStateException(
        "none of "
            + Arrays.toString(names)
            + " is on the PATH: apt-get install -y chromium chromium-driver");
  }

  private static File onPath(String name) {
    File found = find(name);
    if (found == null) {
      throw new IllegalStateException(
          name + " is not on the PATH: apt-get install -y chromium chromium-driver");
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
