package io.partnerflow.journey;

import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;

/**
 * Camunda Tasklist as an operator uses it: sign in, start a process from its start form, find a
 * task card in "All tasks" by its name and the company it shows, open it, claim it, fill it, complete it.
 */
public final class Tasklist {

  static final String APP = "/camunda/app/tasklist/";
  private static final By START_PROCESS = By.cssSelector(".start-process-action a");
  private static final By ALL_TASKS_FILTER = By.xpath("//*[contains(@class,'task-filters')]//a[contains(normalize-space(.),'All tasks')]");

  private final Browser browser;

  private Tasklist(Browser browser) {
    this.browser = browser;
  }

  /** Signs in on Tasklist's own login page. */
  public static Tasklist signIn(Browser browser, String user, String password) {
    browser.signInToWebapp(APP, user, password, START_PROCESS);
    return new Tasklist(browser);
  }

  /** Back to Tasklist in a browser that is signed in already. */
  public static Tasklist open(Browser browser) {
    browser.go(APP);
    browser.clickable(START_PROCESS);
    return new Tasklist(browser);
  }

  /** "Start process" → the process by its name → its start form. */
  public StartDialog startProcess(String processName) {
    browser.click(START_PROCESS);
    By process = By.xpath("//div[contains(@class,'modal-body')]//ul[contains(@class,'processes')]"
        + "//a[normalize-space(.)='" + processName + "']");
    By startForm = By.cssSelector(".modal-body .fjs-form");
    // The list renders while the dialog opens: a click that landed during it is tried again
    browser.until(d -> {
      if (d.findElements(startForm).stream().anyMatch(WebElement::isDisplayed)) {
        return true;
      }
      try {
        d.findElements(process).stream().filter(WebElement::isDisplayed).findFirst().ifPresent(WebElement::click);
      } catch (StaleElementReferenceException | org.openqa.selenium.ElementClickInterceptedException e) {
        // re-rendered: next round
      }
      return null;
    });
    return new StartDialog(browser);
  }

  /**
   * Opens the task with this name whose card shows this company (the filter shows each task's
   * company), waiting until it appears: after a process step or a job it takes a moment, and
   * Tasklist only reloads the list when the filter is clicked.
   */
  public TaskView openTask(String taskName, String company) {
    By card = card(taskName, company);
    // The list re-renders while it reloads: a card found a moment ago may be gone, so find and click together
    browser.until(d -> {
      try {
        if (d.findElements(card).isEmpty()) {
          d.findElements(ALL_TASKS_FILTER).stream().findFirst().ifPresent(WebElement::click);
          return null;
        }
        d.findElement(card).findElement(By.cssSelector("h4.task a")).click();
        return true;
      } catch (StaleElementReferenceException reRendered) {
        return null;
      }
    });
    browser.visible(TaskView.header(taskName));
    return new TaskView(browser, taskName);
  }

  /** True once no card of this task and company is left (e.g. the process moved on). */
  public boolean shows(String taskName, String company) {
    browser.clickable(ALL_TASKS_FILTER).click();
    browser.until(d -> !d.findElements(By.cssSelector(".tasks-list, .no-tasks, [ng-if='!totalItems']")).isEmpty());
    return !browser.all(card(taskName, company)).isEmpty();
  }

  static By card(String taskName, String company) {
    return By.xpath("//ol[contains(@class,'tasks-list')]/li[.//h4[contains(@class,'task')]/a[normalize-space(.)='"
        + taskName + "'] and .//*[contains(@class,'variable-value')][normalize-space(.)=" + xpathLiteral(company)
        + "]]");
  }

  /** A string as an XPath literal, also when it holds quotes (company names do: O'Brien). */
  public static String xpathLiteral(String text) {
    if (!text.contains("'")) {
      return "'" + text + "'";
    }
    return "concat('" + text.replace("'", "', \"'\", '") + "')";
  }
}
