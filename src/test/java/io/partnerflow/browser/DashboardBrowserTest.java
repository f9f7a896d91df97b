package io.partnerflow.browser;

import static org.assertj.core.api.Assertions.assertThat;

import io.partnerflow.dashboard.DashboardScenario;
import io.partnerflow.invitation.InvitationProcess;
import io.partnerflow.journey.Browser;
import io.partnerflow.journey.ChromiumExtension;
import io.partnerflow.onboarding.OnboardingProcess;
import io.partnerflow.onboarding.OnboardingProcess.Ids;
import io.partnerflow.referral.ReferralProcess;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Date;
import java.util.List;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;

/**
 * A manager's morning in Chromium: opens the dashboard from a bookmark, signs in, lands on it in
 * the browser's own time zone, reads the funnel, cycle times, invitations, referrals and SLA
 * breaches (each checked against figures computed here from the engine's history API), sees the
 * charts drawn, changes the period, and follows an incident into Cockpit; an operator follows a
 * breached task into Tasklist. Cockpit's start page and Tasklist's navigation bar link to it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "partnerflow.dashboard.task-targets[Task_Review]=PT0S",
    "partnerflow.dashboard.incident-target=PT0S"})
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class DashboardBrowserTest {

  @LocalServerPort
  int port;

  @RegisterExtension
  final ChromiumExtension chromium = new ChromiumExtension(() -> "http://localhost:" + port);

  @Autowired
  ProcessEngine engine;
  @Autowired
  HistoryService history;
  @Autowired
  org.springframework.context.ApplicationContext context;

  Browser browser;

  @BeforeEach
  void takeBrowser() {
    browser = chromium.browser();
  }

  @Test
  void aManagerReadsTheDashboardAndFollowsABreachIntoCockpit() {
    DashboardScenario.Run run = new DashboardScenario(context).drive();

    browser.go("/dashboard");
    browser.visible(By.id("username")).sendKeys("manager");
    browser.visible(By.id("password")).sendKeys("manager");
    browser.click(By.id("sign-in"));
    // Back on the dashboard, reloaded once in the browser's own time zone
    browser.until(d -> d.getCurrentUrl().contains("/dashboard") && d.getCurrentUrl().contains("zone="));
    browser.visible(By.id("period-summary"));
    String zone = (String) ((org.openqa.selenium.JavascriptExecutor) browser.driver())
        .executeScript("return Intl.DateTimeFormat().resolvedOptions().timeZone");
    assertThat(browser.text(By.id("period-summary"))).endsWith("times in " + zone);
    assertThat(browser.driver().findElement(By.cssSelector("#zone option:checked")).getText()).isEqualTo(zone);

    // The default period: the last 30 days up to today, in that zone
    LocalDate today = LocalDate.now(ZoneId.of(zone));
    Instant start = today.minusDays(29).atStartOfDay(ZoneId.of(zone)).toInstant();
    Instant end = today.plusDays(1).atStartOfDay(ZoneId.of(zone)).toInstant();
    assertThat(browser.driver().findElement(By.id("from")).getDomProperty("value")).isEqualTo(today.minusDays(29).toString());

    List<HistoricProcessInstance> onboardings = started(OnboardingProcess.PROCESS_KEY, start, end);
    assertThat(cell("onboarding.funnel", "Started", 1)).isEqualTo(Long.toString(onboardings.size()));
    assertThat(cell("onboarding.funnel", "Onboarded", 1)).isEqualTo(Long.toString(onboardings.stream()
        .filter(p -> Ids.END_CUSTOMER_ONBOARDED.equals(p.getEndActivityId())).count()));
    assertThat(cell("onboarding.cancellations", DashboardScenario.CANCELLATION_REASON, 1)).isEqualTo("1");
    assertThat(cell("cycle.processes", processName(OnboardingProcess.PROCESS_KEY), 1)).isEqualTo(Long.toString(
        onboardings.stream().filter(p -> p.getEndTime() != null).count()));

    // Invitations: two registered (both Spanish), one accepted on the page, one declined with its reason
    long invitations = history.createHistoricActivityInstanceQuery().activityId(InvitationProcess.Ids.REGISTER_INVITATION)
        .finished().startedAfter(Date.from(start)).startedBefore(Date.from(end)).count();
    assertThat(cell("invitations.outcomes", "All", 1)).isEqualTo(Long.toString(invitations)).isEqualTo("2");
    assertThat(cell("invitations.outcomes", "All", 3)).isEqualTo("1");
    assertThat(cell("invitations.outcomes", "All", 5)).isEqualTo("1");
    assertThat(cell("invitations.declines", DashboardScenario.DECLINE_REASON, 1)).isEqualTo("1");

    // Referrals: as many as referral instances started, one from the API and one by mail
    assertThat(cell("referrals.sources", "All", 1))
        .isEqualTo(Long.toString(started(ReferralProcess.PROCESS_KEY, start, end).size())).isEqualTo("2");
    assertThat(cell("referrals.sources", "API", 1)).isEqualTo("1");
    assertThat(cell("referrals.sources", "Mail", 1)).isEqualTo("1");

    // Every chart was drawn (ECharts, SVG) from its table
    List<WebElement> charts = browser.all(By.cssSelector(".chart[data-for]"));
    assertThat(charts).isNotEmpty();
    browser.until(d -> charts.stream().allMatch(c -> "true".equals(c.getDomAttribute("data-drawn"))));
    assertThat(browser.all(By.cssSelector(".chart svg"))).hasSize(charts.size());

    // A shorter period through the picker
    WebElement from = browser.visible(By.id("from"));
    ((org.openqa.selenium.JavascriptExecutor) browser.driver()).executeScript("arguments[0].value = arguments[1]",
        from, today.minusDays(6).toString());
    browser.click(By.id("show"));
    browser.until(d -> d.getCurrentUrl().contains("from=" + today.minusDays(6)));
    assertThat(browser.text(By.id("period-summary"))).startsWith(today.minusDays(6) + " to " + today);

    // The incident's breach opens it in Cockpit
    WebElement incident = browser.visible(By.xpath("//table[@id='work.breaches']//tr[td[1][normalize-space(.)='Incident']]"
        + "//a[normalize-space(.)='Open incident']"));
    assertThat(incident.getDomAttribute("href")).contains(run.incident().getId());
    incident.click();
    browser.until(d -> d.getCurrentUrl().contains("/camunda/app/cockpit/") && d.getCurrentUrl().contains(run.incident().getId()));
    browser.visible(By.cssSelector("[data-tab-id='incidents-tab'], .incidents-tab, table.incidents, .cam-table"));
    assertThat(browser.text(By.tagName("body"))).contains("Provision subscriptions");

    // Cockpit's start page links back to the dashboard
    browser.go("/camunda/app/cockpit/default/#/dashboard");
    browser.click(By.id("partnerflow-dashboard-link"));
    browser.until(d -> d.getCurrentUrl().contains("/dashboard") && !d.getCurrentUrl().contains("/camunda/"));
  }

  @Test
  void anOperatorFollowsABreachedTaskIntoTasklist() {
    DashboardScenario.Run run = new DashboardScenario(context).drive();
    String reviewTask = engine.getTaskService().createTaskQuery().processInstanceId(run.atReview().getId())
        .singleResult().getId();

    browser.go("/dashboard?zone=UTC");
    browser.visible(By.id("username")).sendKeys("operator");
    browser.visible(By.id("password")).sendKeys("operator");
    browser.click(By.id("sign-in"));
    WebElement task = browser.visible(By.cssSelector("a.breach-link[href$='?task=" + reviewTask + "']"));
    task.click();
    browser.until(d -> d.getCurrentUrl().contains("/camunda/app/tasklist/"));
    browser.visible(By.xpath("//*[contains(@class,'task-details')]//h2[contains(@class,'task')][normalize-space(.)='Review']"));

    // Tasklist's navigation bar links back to the dashboard
    browser.click(By.id("partnerflow-dashboard-link"));
    browser.until(d -> d.getCurrentUrl().contains("/dashboard") && !d.getCurrentUrl().contains("/camunda/"));
    browser.visible(By.id("period-summary"));
  }

  private List<HistoricProcessInstance> started(String processKey, Instant start, Instant end) {
    return history.createHistoricProcessInstanceQuery().processDefinitionKey(processKey)
        .startedAfter(Date.from(start.minusMillis(1))).startedBefore(Date.from(end)).list();
  }

  private String processName(String key) {
    return engine.getRepositoryService().createProcessDefinitionQuery().processDefinitionKey(key).latestVersion()
        .singleResult().getName();
  }

  /** The text of the cell in that column of the row whose first cell says {@code rowName}. */
  private String cell(String tableId, String rowName, int column) {
    WebElement row = browser.visible(By.xpath("//table[@id='" + tableId + "']/tbody/tr[td[1][normalize-space(.)="
        + io.partnerflow.journey.Tasklist.xpathLiteral(rowName) + "]]"));
    return row.findElements(By.tagName("td")).get(column).getText().strip();
  }
}
