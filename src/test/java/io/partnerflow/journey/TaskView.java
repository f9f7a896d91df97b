package io.partnerflow.journey;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/** An open task in Tasklist's right pane: claim, its form, Complete. */
public final class TaskView {

  private static final By CLAIM = By.cssSelector("[ng-click='claim()']");
  private static final By COMPLETE = By.cssSelector("button[ng-click='complete()']");
  private static final By FORM = By.cssSelector(".task-details .fjs-form");

  private final Browser browser;
  private final String name;
  private final CamundaForm form;

  TaskView(Browser browser, String name) {
    this.browser = browser;
    this.name = name;
    this.form = new CamundaForm(browser, FORM);
  }

  static By header(String taskName) {
    return By.xpath("//*[contains(@class,'task-details')]//h2[contains(@class,'task')][normalize-space(.)="
        + Tasklist.xpathLiteral(taskName) + "]");
  }

  /** Claims the task unless it is assigned already; Tasklist keeps the form greyed out until then. */
  public TaskView claim() {
    browser.visible(FORM);
    List<WebElement> claim = browser.all(CLAIM);
    browser.dismissNotifications();
    if (!claim.isEmpty() && claim.get(0).isDisplayed()) {
      claim.get(0).click();
    }
    browser.until(d -> d.findElements(By.cssSelector(".disabled-form")).isEmpty()
        && d.findElements(CLAIM).stream().noneMatch(WebElement::isDisplayed));
    return this;
  }

  public CamundaForm form() {
    return form;
  }

  public boolean completeEnabled() {
    return browser.visible(COMPLETE).isEnabled();
  }

  /**
   * Completes the task; it leaves the pane (Tasklist shows nothing else on success). The form's own
   * checks must pass first, as for a person.
   */
  public void complete() {
    WebElement button = browser.visible(COMPLETE);
    browser.scrollIntoView(button);
    browser.until(d -> button.isEnabled() ? true : null);
    browser.dismissNotifications();
    button.click();
    browser.until(d -> d.findElements(header(name)).isEmpty() ? true : null);
  }

  /**
   * Clicks Complete on a form that must refuse: the task stays open and form-js names the fields.
   * Returns the errors shown.
   */
  public List<String> completeRefused() {
    WebElement button = browser.visible(COMPLETE);
    browser.scrollIntoView(button);
    if (button.isEnabled()) {
      browser.dismissNotifications();
      button.click();
    }
    List<String> errors = browser.until(d -> {
      List<String> shown = form.fieldErrors();
      return shown.isEmpty() ? null : shown;
    });
    assertThat(browser.all(header(name))).as("the task stays open").isNotEmpty();
    return errors;
  }
}
