package io.partnerflow.journey;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/**
 * A person who opens one of our pages from a bookmark or a mail, without a session: the login
 * page, never a bare browser prompt; after signing in, the page they asked for, and Cockpit and
 * Tasklist know them too.
 */
class SignInJourneyTest extends JourneyTestBase {

  @Test
  void managerOpensTheMailboxFromABookmarkSignsInAndLandsThere() {
    browser.go("/mailbox");
    browser.visible(By.id("sign-in"));
    assertThat(browser.driver().getCurrentUrl()).contains("/login?next=");
    assertThat(browser.text(By.tagName("h1"))).isEqualTo("Sign in");

    browser.visible(By.id("username")).sendKeys(MANAGER);
    browser.visible(By.id("password")).sendKeys("wrong");
    browser.click(By.id("sign-in"));
    assertThat(browser.text(By.tagName("main"))).contains("Wrong user name or password.");

    // No delay and no lock after a wrong password (LoginThrottle slows a source only after several)
    browser.visible(By.id("password")).sendKeys(MANAGER);
    browser.click(By.id("sign-in"));
    browser.until(d -> d.getCurrentUrl().endsWith("/mailbox"));
    assertThat(browser.text(By.tagName("h1"))).isEqualTo("Mailbox");

    // The same session opens Cockpit and the customer pages without a second sign-in
    browser.go("/camunda/app/cockpit/default/");
    browser.visible(By.cssSelector("a[href*='#/processes']"));
    CustomerPages customers = CustomerPages.list(browser);
    assertThat(customers.page()).contains("Fabrikam, Inc.");

    // Swagger UI works under our Content-Security-Policy: its scripts ran and rendered the API
    browser.go("/swagger-ui.html");
    browser.visible(By.cssSelector(".opblock-tag"));
    assertThat(browser.text(By.tagName("body"))).contains("/api/onboardings", "/api/customers");
  }
}
