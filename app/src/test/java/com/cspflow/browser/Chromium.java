package com.cspflow.browser;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.openqa.selenium.By;
import org.openqa.selenium.ElementClickInterceptedException;
import org.openqa.selenium.ElementNotInteractableException;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedCondition;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.FluentWait;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium, driven through Debian's chromedriver, for tests that use the web apps as a
 * person would. Nothing is downloaded: driver and browser are the installed ones, named explicitly, so
 * Selenium Manager is never asked for either. A test is skipped only where chromedriver is not installed;
 * CI installs it. Screenshots go to target/browser-screenshots, where a failing test also leaves a last
 * screenshot and the page source to look at.
 */
final class Chromium implements BeforeEachCallback, AfterEachCallback {

  static final Path DRIVER = Path.of("/usr/bin/chromedriver");
  static final Path BROWSER = Path.of("/usr/bin/chromium");
  static final Path SCREENSHOTS = Path.of("target", "browser-screenshots");

  /** Long enough for a first page load of an AngularJS app on a busy 2-core machine. */
  private static final Duration PATIENCE = Duration.ofSeconds(20);

  private WebDriver driver;
  private WebDriverWait wait;
  private FluentWait<WebDriver> interactionWait;
  private Path profile;

  @Override
  public void beforeEach(ExtensionContext context) throws IOException {
    assumeTrue(Files.isExecutable(DRIVER), DRIVER + " is not installed (apt-get install chromium chromium-driver)");
    System.setProperty(ChromeDriverService.CHROME_DRIVER_EXE_PROPERTY, DRIVER.toString());
    Files.createDirectories(SCREENSHOTS);
    profile = Files.createTempDirectory("cspflow-chromium-");
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(DRIVER.toFile())
        .usingAnyFreePort()
        .build();
    ChromeOptions options = new ChromeOptions()
        .setBinary(BROWSER.toFile())
        .addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
            "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", "--window-size=1400,1000", "--user-data-dir=" + profile);
    driver = new ChromeDriver(service, options);
    driver.manage().timeouts().pageLoadTimeout(PATIENCE);
    wait = new WebDriverWait(driver, PATIENCE, Duration.ofMillis(100));
    interactionWait = new WebDriverWait(driver, PATIENCE, Duration.ofMillis(100))
        .ignoring(ElementClickInterceptedException.class)
        .ignoring(StaleElementReferenceException.class)
        .ignoring(ElementNotInteractableException.class);
  }

  @Override
  public void afterEach(ExtensionContext context) throws IOException {
    try {
      if (driver != null && context.getExecutionException().isPresent()) {
        screenshot("failure");
        Files.writeString(SCREENSHOTS.resolve("failure.html"), driver.getPageSource());
      }
    } finally {
      if (driver != null) {
        driver.quit();
      }
      if (profile != null) {
        try (Stream<Path> files = Files.walk(profile)) {
          files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
      }
    }
  }

  WebDriver driver() {
    return driver;
  }

  void open(String url) {
    driver.get(url);
  }

  <T> T waitUntil(ExpectedCondition<T> condition) {
    return wait.until(condition);
  }

  WebElement visible(By locator) {
    return waitUntil(ExpectedConditions.visibilityOfElementLocated(locator));
  }

  /** Waits until one of the elements that the locator finds is shown. */
  void anyVisible(By locator) {
    interactionWait.until(d -> d.findElements(locator).stream().anyMatch(WebElement::isDisplayed));
  }

  /** Scrolls the element to the middle of the view, for a screenshot that shows it. */
  WebElement scrollTo(By locator) {
    WebElement element = visible(locator);
    ((JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView({block: 'center'})", element);
    return element;
  }

  /**
   * Clicks once the element can take the click: a notification sliding over it or AngularJS re-rendering it
   * makes the browser refuse a click, and the next try a moment later succeeds.
   */
  void click(By locator) {
    waitUntil(ExpectedConditions.elementToBeClickable(locator));
    interactionWait.until(d -> {
      d.findElement(locator).click();
      return true;
    });
  }

  /**
   * Types into a field once it takes input, and again should the form have been rendered anew meanwhile
   * (Tasklist may do so as it enables a task's form after the claim).
   */
  void type(By locator, String text) {
    interactionWait.until(d -> {
      WebElement field = d.findElement(locator);
      if (!field.isDisplayed() || !field.isEnabled()) {
        return false;
      }
      field.clear();
      field.sendKeys(text);
      return text.equals(field.getDomProperty("value"));
    });
  }

  /** Saves the browser's view as target/browser-screenshots/{name}.png. */
  void screenshot(String name) {
    try {
      Files.write(SCREENSHOTS.resolve(name + ".png"), ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
