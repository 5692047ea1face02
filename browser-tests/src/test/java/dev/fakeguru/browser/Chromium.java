package dev.fakeguru.browser;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.logging.Level;
import java.util.stream.Stream;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * One headless Debian Chromium driven through its chromedriver, with a fresh profile directory; the
 * paths come from the system properties the POM sets. Not thread-safe: one per test class.
 */
final class Chromium implements AutoCloseable {
  /** How long any wait for the page may take before the test fails. */
  static final Duration WAIT = Duration.ofSeconds(20);

  final ChromeDriver driver;
  private final Path profileDirectory;

  private Chromium(ChromeDriver driver, Path profileDirectory) {
    this.driver = driver;
    this.profileDirectory = profileDirectory;
  }

  static Chromium start() {
    Path profile;
    try {
      profile = Files.createTempDirectory("fakeguru-chromium-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    ChromeOptions options = new ChromeOptions();
    options.setBinary(property("fakeguru.chromium", "/usr/bin/chromium"));
    // Without the background-networking flags Chromium dials out, and a closed network refuses it.
    options.addArguments(
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-dev-shm-usage",
        "--window-size=1400,1000",
        "--user-data-dir=" + profile);
    LoggingPreferences logs = new LoggingPreferences();
    logs.enable(LogType.BROWSER, Level.ALL);
    options.setCapability("goog:loggingPrefs", logs);
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(
                Path.of(property("fakeguru.chromedriver", "/usr/bin/chromedriver")).toFile())
            .usingAnyFreePort()
            .build();
    ChromeDriver driver = new ChromeDriver(service, options);
    driver.manage().window().setSize(new Dimension(1400, 1000));
    driver.manage().timeouts().pageLoadTimeout(WAIT).scriptTimeout(WAIT);
    return new Chromium(driver, profile);
  }

  WebDriverWait waiting() {
    return new WebDriverWait(driver, WAIT);
  }

  Object script(String script, Object... args) {
    return ((JavascriptExecutor) driver).executeScript(script, args);
  }

  /**
   * The console messages at level SEVERE (errors, CSP violations, failed loads) since last asked.
   */
  List<String> consoleErrors() {
    return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
        .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
        .map(LogEntry::getMessage)
        .toList();
  }

  /** Saves a screenshot of the whole window as {@code <screenshots>/<name>.png}. */
  Path screenshot(String name) {
    Path target = Path.of(property("fakeguru.screenshots", "target/screenshots"), name + ".png");
    try {
      Files.createDirectories(target.getParent());
      Path taken = driver.getScreenshotAs(OutputType.FILE).toPath();
      return Files.copy(taken, target, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Saves a screenshot like {@link #screenshot(String)} and, when {@code fakeguru.docs.screenshots}
   * names a directory (e.g. {@code -Dfakeguru.docs.screenshots=../docs}), copies it there: the
   * README's pictures are made by these tests.
   */
  Path screenshotForDocs(String name) {
    Path taken = screenshot(name);
    String docs = property("fakeguru.docs.screenshots", "");
    if (!docs.isEmpty()) {
      try {
        Files.copy(taken, Path.of(docs, name + ".png"), StandardCopyOption.REPLACE_EXISTING);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return taken;
  }

  static String property(String name, String fallback) {
    String value = System.getProperty(name, "").strip();
    return value.isEmpty() ? fallback : value;
  }

  @Override
  public void close() {
    try {
      driver.quit();
    } finally {
      try (Stream<Path> files = Files.walk(profileDirectory)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      } catch (IOException e) {
        // a leftover temporary profile directory does no harm
      }
    }
  }
}
