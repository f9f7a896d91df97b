package io.partnerflow.journey;

import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/** Our customer list and customer detail pages, as an operator or manager uses them. */
public final class CustomerPages {

  private final Browser browser;

  private CustomerPages(Browser browser) {
    this.browser = browser;
  }

  public static CustomerPages list(Browser browser) {
    browser.go("/customers");
    browser.visible(By.id("q"));
    return new CustomerPages(browser);
  }

  /** Searches the list and opens the customer by the company name it shows. */
  public CustomerPages open(String search, String companyName) {
    WebElement q = browser.visible(By.id("q"));
    q.clear();
    q.sendKeys(search);
    browser.click(By.id("search"));
    // the list before the search may show the company too: wait for the searched one
    browser.until(d -> d.getCurrentUrl().contains("q=") ? true : null);
    browser.click(By.linkText(companyName));
    browser.visible(By.id("primary-domain"));
    return this;
  }

  public String heading() {
    return browser.text(By.tagName("h1"));
  }

  /** A section's text by its heading id, e.g. {@code history-heading}. */
  public String section(String headingId) {
    return browser.visible(By.id(headingId)).findElement(By.xpath("./ancestor::*[contains(@class,'card')][1]"))
        .getText();
  }

  public String page() {
    return browser.text(By.tagName("main"));
  }

  /** The id at the end of this customer page's URL, as an operator copies it. */
  public String customerIdFromUrl() {
    String url = browser.driver().getCurrentUrl();
    return url.substring(url.lastIndexOf('/') + 1).replaceFirst("[?#].*", "");
  }

  /** "End relationship" with a reason; the page says it started. */
  public String endRelationship(String reason) {
    WebElement field = browser.visible(By.id("reason"));
    field.sendKeys(reason);
    browser.click(By.id("end-relationship"));
    return browser.text(By.cssSelector(".flash"));
  }

  public boolean offersEndRelationship() {
    return !browser.all(By.id("end-relationship")).isEmpty();
  }
}
