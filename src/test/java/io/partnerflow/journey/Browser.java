package io.partnerflow.journey;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.logging.Level;
import org.openqa.selenium.By;
import org.openqa.selenium.ElementNotInteractableException;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.util.FileSystemUtils;

/**
 * A real, headless Debian Chromium driven through chromedriver, as a person's browser: one per
 * journey, with its own profile (so its own sessions). Selenium Manager never runs: driver and
 * browser are named explicitly.
 */
public final class Browser implements AutoCloseable {

  public static final Path CHROMIUM = Paths.get("/usr/bin/chromium");
  public static final Path CHROMEDRIVER = Paths.get("/usr/bin/chromedriver");
  /** Where a failing step leaves its screenshot, page HTML, URL and browser console. */
  public static final Path ARTIFACTS = Paths.get("target", "journeys");
  /** Long enough for the job executor and the mail pollers on a busy two-core CI machine. */
  public static final Duration TIMEOUT = Duration.ofSeconds(45);

  private static final By SIGN_IN_USER = By.cssSelector("form[name='signinForm'] input[ng-model='username']");
  private static final By SIGN_IN_PASSWORD = By.cssSelector("form[name='signinForm'] input[type='password']");
  private static final By SIGN_IN_SUBMIT = By.cssSelector("form[name='signinForm'] button[type='submit']");
  private static final Duration RESUBMIT_SIGN_IN_AFTER = Duration.ofSeconds(12);

  private final String baseUrl;
  private final Path profile;
  private final ChromeDriverService service;
  private final ChromeDriver driver;
  private final WebDriverWait wait;

  private Browser(String baseUrl) throws IOException {
    this.baseUrl = baseUrl;
    this.profile = Files.createTempDirectory("partnerflow-chromium-");
    this.service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
        .usingAnyFreePort().build();
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
        "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--window-size=1400,1100", "--lang=en-US",
        "--user-data-dir=" + profile.toAbsolutePath());
    LoggingPreferences logging = new LoggingPreferences();
    logging.enable(LogType.BROWSER, Level.ALL);
    options.setCapability(ChromeOptions.LOGGING_PREFS, logging);
    this.driver = new ChromeDriver(service, options);
    this.wait = new WebDriverWait(driver, TIMEOUT);
  }

  public static Browser open(String baseUrl) throws IOException {
    return new Browser(baseUrl);
  }

  public static boolean installed() {
    return Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
  }

  public WebDriver driver() {
    return driver;
  }

  public String baseUrl() {
    return baseUrl;
  }

  /** Opens a path of the product ({@code /mailbox}) or an absolute URL. */
  public void go(String pathOrUrl) {
    driver.get(pathOrUrl.startsWith("http") ? pathOrUrl : baseUrl + pathOrUrl);
  }

  public <T> T until(Function<WebDriver, T> condition) {
    return wait.until(condition::apply);
  }

  public <T> T until(Duration timeout, Function<WebDriver, T> condition) {
    return new WebDriverWait(driver, timeout).until(condition::apply);
  }

  public WebElement visible(By locator) {
    return wait.until(ExpectedConditions.visibilityOfElementLocated(locator));
  }

  public WebElement clickable(By locator) {
    return wait.until(ExpectedConditions.elementToBeClickable(locator));
  }

  /** Clicks it once it is clickable; found again when the page re-rendered in between. */
  public void click(By locator) {
    wait.until(d -> {
      try {
        clickable(locator).click();
        return true;
      } catch (StaleElementReferenceException e) {
        return null;
      }
    });
  }

  public List<WebElement> all(By locator) {
    return driver.findElements(locator);
  }

  public String text(By locator) {
    return visible(locator).getText();
  }

  /** A link that opens a new tab (mail bodies do): follows it into that tab and closes the old one. */
  public void followIntoNewTab(Runnable clickThatOpensATab) {
    List<String> before = new ArrayList<>(driver.getWindowHandles());
    clickThatOpensATab.run();
    String opened = until(d -> d.getWindowHandles().stream().filter(h -> !before.contains(h)).findFirst()
        .orElse(null));
    driver.close();
    driver.switchTo().window(opened);
  }

  /**
   * Signs in on a Camunda webapp's own login page ({@code /camunda/app/tasklist/}) and waits for
   * the element that shows the app has opened. A submit the page lost (typed before its form was
   * bound, on a busy machine) is sent again.
   */
  public void signInToWebapp(String app, String user, String password, By landed) {
    go(app);
    long[] lastSubmit = {0};
    until(d -> {
      if (d.findElements(landed).stream().anyMatch(WebElement::isDisplayed)) {
        return true;
      }
      List<WebElement> name = d.findElements(SIGN_IN_USER);
      if (!name.isEmpty() && name.get(0).isDisplayed()
          && System.nanoTime() - lastSubmit[0] > RESUBMIT_SIGN_IN_AFTER.toNanos()) {
        try {
          name.get(0).clear();
          name.get(0).sendKeys(user);
          WebElement secret = d.findElement(SIGN_IN_PASSWORD);
          secret.clear();
          secret.sendKeys(password);
          d.findElement(SIGN_IN_SUBMIT).click();
          lastSubmit[0] = System.nanoTime();
        } catch (StaleElementReferenceException | ElementNotInteractableException reRendered) {
          // next round
        }
      }
      return null;
    });
    clickable(landed);
  }

  /** Closes Tasklist's notices ("process started", "you are assigned…"): they cover the buttons below them. */
  public void dismissNotifications() {
    for (WebElement close : driver.findElements(By.cssSelector(".page-notifications .close, [notifications-panel] .close"))) {
      try {
        if (close.isDisplayed()) {
          close.click();
        }
      } catch (RuntimeException gone) {
        // faded out meanwhile (stale or no longer clickable)
      }
    }
  }

  public void scrollIntoView(WebElement element) {
    ((JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView({block: 'center'});", element);
  }

  /** Screenshot, HTML, URL and console of the current page, named after the failing step. */
  public void saveArtifacts(String name) {
    try {
      Files.createDirectories(ARTIFACTS);
      File screenshot = driver.getScreenshotAs(OutputType.FILE);
      Files.copy(screenshot.toPath(), ARTIFACTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
      Files.writeString(ARTIFACTS.resolve(name + ".html"), String.valueOf(driver.getPageSource()),
          StandardCharsets.UTF_8);
      Files.writeString(ARTIFACTS.resolve(name + "-url.txt"), String.valueOf(driver.getCurrentUrl()),
          StandardCharsets.UTF_8);
      List<String> console = driver.manage().logs().get(LogType.BROWSER).getAll().stream()
          .map(entry -> entry.getLevel() + " " + entry.getMessage()).toList();
      Files.write(ARTIFACTS.resolve(name + "-console.log"), console, StandardCharsets.UTF_8);
    } catch (Exception e) {
      System.err.println("Could not save browser artifacts for " + name + ": " + e);
    }
  }

  @Override
  public void close() {
    try {
      driver.quit();
    } finally {
      service.stop();
      FileSystemUtils.deleteRecursively(profile.toFile());
    }
  }
}
