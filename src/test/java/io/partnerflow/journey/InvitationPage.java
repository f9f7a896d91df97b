package io.partnerflow.journey;

import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The public invitation page a customer's global admin reaches from the invitation mail, in the
 * invitation's language; no login.
 */
public final class InvitationPage {

  private final Browser browser;

  InvitationPage(Browser browser) {
    this.browser = browser;
  }

  /** The page the browser is on after following the mail's link. */
  public static InvitationPage current(Browser browser) {
    browser.visible(By.tagName("h1"));
    return new InvitationPage(browser);
  }

  public String language() {
    return browser.driver().findElement(By.tagName("html")).getAttribute("lang");
  }

  public String heading() {
    return browser.text(By.tagName("h1"));
  }

  public String text() {
    return browser.text(By.tagName("main"));
  }

  public boolean asksForAnswer() {
    return !browser.all(By.id("adminName")).isEmpty();
  }

  public String personalMessage() {
    return browser.text(By.cssSelector("#personal-message blockquote"));
  }

  /** Accepts as the named global admin, ticking what the page asks (the agreement only when asked). */
  public InvitationPage accept(String adminName) {
    WebElement name = browser.visible(By.id("adminName"));
    name.clear();
    name.sendKeys(adminName);
    tick("globalAdmin");
    if (!browser.all(By.id("agreementAccepted")).isEmpty()) {
      tick("agreementAccepted");
    }
    browser.click(By.cssSelector("button[name='action'][value='accept']"));
    browser.until(d -> d.findElements(By.id("adminName")).isEmpty() ? true : null);
    return this;
  }

  /** Declines, with the reason typed into the optional field. */
  public InvitationPage decline(String reason) {
    WebElement box = browser.visible(By.id("declineReason"));
    browser.scrollIntoView(box);
    box.sendKeys(reason);
    browser.click(By.cssSelector("button[name='action'][value='decline']"));
    browser.until(d -> d.findElements(By.id("adminName")).isEmpty() ? true : null);
    return this;
  }

  private void tick(String id) {
    WebElement box = browser.visible(By.id(id));
    if (!box.isSelected()) {
      browser.scrollIntoView(box);
      box.click(); // not its label: the agreement's label holds a link
    }
    browser.until(d -> box.isSelected());
  }
}
