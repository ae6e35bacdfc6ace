package dev.conveyor.e2e;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's headless Chromium through the system {@code chromedriver}, both found on the PATH
 * ({@code apt-get install chromium chromium-driver}; {@code .ci/run} installs them). Both paths are
 * given to Selenium, so Selenium Manager never downloads a browser or a driver.
 */
final class HeadlessChromium {

  private HeadlessChromium() {}

  static ChromeDriver start() {
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(onPath("chromedriver"))
            .usingAnyFreePort()
            .withTimeout(Duration.ofSeconds(60))
            .build();
    ChromeOptions options = new ChromeOptions();
    String bin = System.getenv("CHROME_BIN");
    options.setBinary(bin != null ? new File(bin) : onPath("chromium"));
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

  private static File onPath(String name) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      Path candidate = Path.of(dir, name);
      if (Files.isExecutable(candidate)) {
        return candidate.toFile();
      }
    }
    throw new IllegalStateException(
        name + " is not on the PATH: apt-get install -y chromium chromium-driver");
  }
}
