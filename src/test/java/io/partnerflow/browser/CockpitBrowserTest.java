package io.partnerflow.browser;

import static org.assertj.core.api.Assertions.assertThat;

import io.partnerflow.journey.Browser;
import io.partnerflow.journey.ChromiumExtension;
import io.partnerflow.customer.AccountInfo;
import io.partnerflow.onboarding.OnboardingProcess;
import io.partnerflow.onboarding.OnboardingStarter;
import io.partnerflow.security.DemoUsersInitializer;
import java.util.List;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;

/**
 * Our Cockpit plugin as a manager uses it: the "Finished instances" tab of a process definition,
 * its paging, filter, business keys (escaped) and links to the customer an instance worked on. The
 * finished instances it shows are made through the engine's Java API: this test is about what the
 * manager reads, not how the instances got there (the journeys in {@code io.partnerflow.journey} are).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
// Closed after the class: each context registers engine "default" with Camunda's static container
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class CockpitBrowserTest {

  @LocalServerPort
  int port;

  @RegisterExtension
  final ChromiumExtension chromium = new ChromiumExtension(() -> "http://localhost:" + port);

  @Autowired
  OnboardingStarter onboardings;

  @Autowired
  RuntimeService runtimeService;

  @Autowired
  HistoryService historyService;

  @Autowired
  IdentityService identityService;

  Browser browser;

  @BeforeEach
  void takeBrowser() {
    browser = chromium.browser();
  }

  @Test
  void managerSeesFinishedInstanceAndItsEndEventInCockpit() {
    // The seeded customer's domain ends an API-started onboarding at once, handing over to an invitation
    ProcessInstance finished = fabrikamFromTheApi();
    assertThat(historyService.createHistoricProcessInstanceQuery().processInstanceId(finished.getId())
        .finished().count()).isEqualTo(1);
    String endEventName = "Existing customer: invitation sent";

    signInToCockpit();
    browser.go("/camunda/app/cockpit/default/#/process-definition/"
        + finished.getProcessDefinitionId() + "/runtime?detailsTab=partnerflow.finishedInstances");
    By row = By.xpath("//table[contains(@class,'partnerflow-finished-instances')]//tr[td[normalize-space(.)='"
        + finished.getId() + "']]");
    WebElement instanceRow = browser.until(ExpectedConditions.visibilityOfElementLocated(row));
    assertThat(instanceRow.findElement(By.cssSelector("td.end-event")).getText()).isEqualTo(endEventName);
    assertThat(instanceRow.getText()).contains("COMPLETED");
  }

  @Test
  void managerPagesFinishedInstancesSeesBusinessKeysAndFollowsARowToItsCustomer() {
    // 55 onboardings of the seeded customer's domain, each ended at once (started through the API, so no
    // note waits in Tasklist), started by the operator; one, abandoned at "Edit account info", has a domain
    // prefix with markup, which becomes its business key (business keys come from user input)
    String hostileKey = "fabrikam<img src=x onerror=\"window.pwned=1\">&amp;";
    ProcessInstance fabrikam = null;
    ProcessInstance hostile;
    ProcessInstance waiting;
    identityService.setAuthentication("operator", List.of(DemoUsersInitializer.OPERATORS));
    try {
      for (int i = 0; i < 55; i++) {
        fabrikam = fabrikamFromTheApi();
      }
      hostile = runtimeService.startProcessInstanceByKey(OnboardingProcess.PROCESS_KEY,
          OnboardingProcess.DOMAIN_PREFIX.putIn(Variables.createVariables(), hostileKey));
      // and the newest one deleted (by an admin) while waiting for an edit: no customer known, no end event
      waiting = runtimeService.startProcessInstanceByKey(OnboardingProcess.PROCESS_KEY,
          OnboardingProcess.DOMAIN_PREFIX.putIn(Variables.createVariables(), "bt-deleted"));
    } finally {
      identityService.clearAuthentication();
    }
    assertThat(runtimeService.getActiveActivityIds(hostile.getId())).containsExactly(OnboardingProcess.Ids.EDIT_ACCOUNT_INFO);
    runtimeService.deleteProcessInstance(hostile.getId(), "test: abandoned");
    assertThat(runtimeService.getActiveActivityIds(waiting.getId())).containsExactly(OnboardingProcess.Ids.EDIT_ACCOUNT_INFO);
    runtimeService.deleteProcessInstance(waiting.getId(), "test: abandoned");
    String definitionId = fabrikam.getProcessDefinitionId();
    // What the tab must show, in its order: most recently finished first, ties by id
    List<HistoricProcessInstance> expected = historyService.createHistoricProcessInstanceQuery()
        .processDefinitionId(definitionId).finished()
        .orderByProcessInstanceEndTime().desc().orderByProcessInstanceId().desc().list();
    assertThat(expected).hasSizeGreaterThan(55);
    String total = " of " + expected.size() + " finished instances";
    By rows = By.cssSelector("table.partnerflow-finished-instances tbody tr");
    By status = By.cssSelector(".partnerflow-finished-status");

    signInToCockpit();
    browser.go("/camunda/app/cockpit/default/#/process-definition/" + definitionId
        + "/runtime?detailsTab=partnerflow.finishedInstances");
    browser.until(ExpectedConditions.textToBePresentInElementLocated(status, "1–50" + total));
    assertThat(instanceIds(rows)).containsExactlyElementsOf(expected.subList(0, 50).stream()
        .map(HistoricProcessInstance::getId).toList());

    WebElement deleted = browser.driver().findElements(rows).get(0);
    assertThat(deleted.getText()).contains("TERMINATED", "bt-deleted", "operator");
    assertThat(deleted.findElements(By.tagName("a"))).as("no customer, no link").isEmpty();
    assertThat(deleted.findElement(By.cssSelector("td.end-event")).getText()).isEmpty();

    WebElement hostileRow = row(hostile.getId());
    assertThat(hostileRow.findElement(By.cssSelector("td.business-key")).getText()).isEqualTo(hostileKey);
    assertThat(hostileRow.findElement(By.cssSelector("td.end-event")).getText()).isEmpty();
    assertThat(row(fabrikam.getId()).findElement(By.cssSelector("td.end-event")).getText())
        .isEqualTo("Existing customer: invitation sent");
    assertThat(row(fabrikam.getId()).findElement(By.cssSelector("td.business-key")).getText()).isEqualTo("fabrikam");
    assertThat(browser.driver().findElements(By.cssSelector("table.partnerflow-finished-instances img"))).isEmpty();
    assertThat(((JavascriptExecutor) browser.driver()).executeScript("return window.pwned === undefined")).isEqualTo(true);

    browser.driver().findElement(By.cssSelector(".partnerflow-finished-pager .next-page")).click();
    browser.until(ExpectedConditions.textToBePresentInElementLocated(status, "51–" + expected.size() + total));
    assertThat(instanceIds(rows)).containsExactlyElementsOf(expected.subList(50, expected.size()).stream()
        .map(HistoricProcessInstance::getId).toList());
    assertThat(browser.driver().findElement(By.cssSelector(".partnerflow-finished-pager .next-page")).isEnabled()).isFalse();

    WebElement filter = browser.driver().findElement(By.cssSelector(".business-key-filter"));
    filter.sendKeys("<img");
    browser.driver().findElement(By.cssSelector(".partnerflow-finished-filter button[type='submit']")).click();
    browser.until(ExpectedConditions.textToBePresentInElementLocated(status, "1–1 of 1 finished instances"));
    assertThat(instanceIds(rows)).containsExactly(hostile.getId());

    assertThat(row(hostile.getId()).findElements(By.tagName("a"))).as("no customer, no link").isEmpty();

    // An onboarding that found Fabrikam (existingCustomerId): its id links to Fabrikam's customer page
    filter = browser.driver().findElement(By.cssSelector(".business-key-filter"));
    filter.clear();
    browser.driver().findElement(By.cssSelector(".partnerflow-finished-filter button[type='submit']")).click();
    browser.until(ExpectedConditions.textToBePresentInElementLocated(status, "1–50" + total));
    row(fabrikam.getId()).findElement(By.linkText(fabrikam.getId())).click();
    browser.until(ExpectedConditions.textToBePresentInElementLocated(By.id("primary-domain"), "fabrikam.onmicrosoft.com"));
    assertThat(browser.driver().getCurrentUrl()).endsWith("/customers/0b1c4e9a-5a52-4b8f-8a43-6d2f1e7c9a10");
    assertThat(browser.driver().findElement(By.tagName("h1")).getText()).isEqualTo("Fabrikam, Inc.");
  }

  /** The seeded customer's domain, as the integration API starts it: the instance ends at once. */
  private ProcessInstance fabrikamFromTheApi() {
    return onboardings.startForApi(new AccountInfo(null, "fabrikam", null, null, null, null, null, null, null, null,
        null, null), "operator");
  }

  private void signInToCockpit() {
    browser.signInToWebapp("/camunda/app/cockpit/", "manager", "manager", By.cssSelector("a[href*='#/processes']"));
  }

  /** The instance ids of the finished-instances table's rows, top to bottom. */
  private List<String> instanceIds(By rows) {
    return browser.all(rows).stream().map(r -> r.findElement(By.cssSelector("td.instance-id")).getText()).toList();
  }

  private WebElement row(String instanceId) {
    return browser.driver().findElement(By.xpath("//table[contains(@class,'partnerflow-finished-instances')]"
        + "//tr[td[contains(@class,'instance-id') and normalize-space(.)='" + instanceId + "']]"));
  }

}
