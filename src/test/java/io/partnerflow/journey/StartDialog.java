package io.partnerflow.journey;

import static org.assertj.core.api.Assertions.assertThat;

import org.openqa.selenium.By;

/** Tasklist's "Start process" dialog with a process's start form. */
public final class StartDialog {

  private static final By START = By.cssSelector(".modal-footer button.btn-primary[ng-click='startProcessInstance()']");

  private final Browser browser;
  private final CamundaForm form;

  StartDialog(Browser browser) {
    this.browser = browser;
    this.form = new CamundaForm(browser, By.cssSelector(".modal-body .fjs-form"));
  }

  public CamundaForm form() {
    return form;
  }

  /** Starts the process; the dialog closes and Tasklist says it was started. */
  public void start() {
    assertThat(form.fieldErrors()).as("errors on the start form").isEmpty();
    browser.click(START);
    browser.until(d -> d.findElements(By.cssSelector(".modal-dialog")).isEmpty());
  }
}
