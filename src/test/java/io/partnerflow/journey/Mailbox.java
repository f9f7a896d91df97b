package io.partnerflow.journey;

import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The embedded default's mailbox page (/mailbox): every mail the product sent, as its recipients
 * read it: open one, read it, click its link, reply to it.
 */
public final class Mailbox {

  private final Browser browser;

  Mailbox(Browser browser) {
    this.browser = browser;
  }

  public static Mailbox open(Browser browser) {
    browser.go("/mailbox");
    browser.visible(By.tagName("h1"));
    return new Mailbox(browser);
  }

  /**
   * Opens the newest mail to this recipient whose subject contains the text, reloading the list
   * until it arrives (mail goes out from a job a moment after the step).
   */
  public Mail openNewest(String recipient, String subjectContains) {
    By row = By.xpath("//table//tr[td[contains(.," + Tasklist.xpathLiteral(recipient) + ")]]"
        + "[td/a[contains(.," + Tasklist.xpathLiteral(subjectContains) + ")]]");
    WebElement link = browser.until(d -> {
      List<WebElement> rows = d.findElements(row);
      if (rows.isEmpty()) {
        d.navigate().refresh();
        return null;
      }
      return rows.get(0).findElement(By.tagName("a"));
    });
    link.click();
    browser.visible(By.cssSelector("main h1"));
    return new Mail(browser);
  }

  /** How many mails to this recipient the list shows. */
  public long countTo(String recipient) {
    browser.go("/mailbox");
    return browser.all(By.xpath("//table//tr[td[contains(.," + Tasklist.xpathLiteral(recipient) + ")]]")).size();
  }

  /** One mail as the mailbox shows it. */
  public static final class Mail {
    private final Browser browser;

    Mail(Browser browser) {
      this.browser = browser;
    }

    public String subject() {
      return browser.text(By.cssSelector("main h1"));
    }

    public String header(String name) {
      return browser.text(By.xpath("//dl/dt[normalize-space(.)='" + name + "']/following-sibling::dd[1]"));
    }

    public String plainText() {
      return browser.text(By.cssSelector("main pre"));
    }

    /** The HTML body's visible text, read inside its sandboxed frame. */
    public String htmlText() {
      return inBody(body -> body.getText());
    }

    /** The HTML body's {@code lang}, as a mail client would read the language. */
    public String htmlLanguage() {
      return inBody(body -> body.findElement(By.xpath("/html")).getAttribute("lang"));
    }

    /** The href of the HTML body's link with this text (or containing it). */
    public String linkHref(String linkText) {
      return inBody(body -> body.findElement(By.partialLinkText(linkText)).getAttribute("href"));
    }

    /** Clicks a link in the mail: it opens in a new tab, which the browser follows. */
    public void clickLink(String linkText) {
      WebElement frame = browser.visible(By.cssSelector("iframe[title='Mail body']"));
      browser.followIntoNewTab(() -> {
        browser.driver().switchTo().frame(frame);
        try {
          browser.driver().findElement(By.partialLinkText(linkText)).click();
        } finally {
          browser.driver().switchTo().defaultContent();
        }
      });
    }

    /** Answers as the recipient, to the mail's Reply-To, with this text. */
    public void reply(String text) {
      WebElement box = browser.visible(By.id("replyText"));
      browser.scrollIntoView(box);
      box.sendKeys(text);
      browser.click(By.cssSelector("form.reply button[type='submit']"));
      browser.visible(By.cssSelector("p.sent"));
    }

    private <T> T inBody(java.util.function.Function<WebElement, T> read) {
      WebElement frame = browser.visible(By.cssSelector("iframe[title='Mail body']"));
      browser.driver().switchTo().frame(frame);
      try {
        return read.apply(browser.driver().findElement(By.tagName("body")));
      } finally {
        browser.driver().switchTo().defaultContent();
      }
    }
  }
}
