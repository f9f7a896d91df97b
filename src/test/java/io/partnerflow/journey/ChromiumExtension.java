package io.partnerflow.journey;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.function.Supplier;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;

/**
 * A fresh {@link Browser} for every test, closed after it; a failing test leaves its artifacts
 * under {@link Browser#ARTIFACTS}. Register it as a field, with the product's base URL.
 */
public final class ChromiumExtension implements BeforeEachCallback, AfterEachCallback, TestExecutionExceptionHandler {

  private final Supplier<String> baseUrl;
  private Browser browser;

  public ChromiumExtension(Supplier<String> baseUrl) {
    this.baseUrl = baseUrl;
  }

  public Browser browser() {
    return browser;
  }

  @Override
  public void beforeEach(ExtensionContext context) throws Exception {
    // In CI the browser must be there (.ci/run installs it): never skip there
    assumeTrue(Browser.installed() || "true".equals(System.getenv("CI")),
        "Chromium not installed at " + Browser.CHROMIUM + " (apt-get install chromium chromium-driver)");
    browser = Browser.open(baseUrl.get());
  }

  @Override
  public void handleTestExecutionException(ExtensionContext context, Throwable failure) throws Throwable {
    if (browser != null) {
      browser.saveArtifacts(context.getRequiredTestClass().getSimpleName() + "-"
          + context.getRequiredTestMethod().getName());
    }
    throw failure;
  }

  @Override
  public void afterEach(ExtensionContext context) {
    if (browser != null) {
      browser.close();
      browser = null;
    }
  }
}
