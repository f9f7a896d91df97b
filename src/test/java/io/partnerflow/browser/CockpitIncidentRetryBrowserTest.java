package io.partnerflow.browser;

import static org.assertj.core.api.Assertions.assertThat;

import io.partnerflow.journey.Browser;
import io.partnerflow.journey.ChromiumExtension;
import io.partnerflow.mail.EmbeddedMailServer;
import io.partnerflow.onboarding.OnboardingDriver;
import io.partnerflow.onboarding.OnboardingProcess.Decisions;
import io.partnerflow.onboarding.OnboardingProcess.Ids;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.function.Supplier;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;

/**
 * An administrator retries a welcome mail's incident in Cockpit, as the dialog opens ("Keep due
 * date"), and the mail goes out at once, not at the due date the retry cycle had left on the job.
 * How the job came to fail is the job executor's (the mail server was down); how long the cycle
 * took is not: the test sets what the last retry leaves (no retries, next try in 20 minutes).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "camunda.bpm.job-execution.enabled=true")
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class CockpitIncidentRetryBrowserTest {

  @LocalServerPort
  int port;

  @RegisterExtension
  final ChromiumExtension chromium = new ChromiumExtension(() -> "http://localhost:" + port);

  @Autowired ProcessEngine engine;
  @Autowired RuntimeService runtimeService;
  @Autowired ManagementService managementService;
  @Autowired EmbeddedMailServer mailServer;

  Browser browser;

  @BeforeEach
  void takeBrowser() {
    browser = chromium.browser();
  }

  @Test
  void retryingTheIncidentInCockpitSendsTheMailAtOnce() throws Exception {
    mailServer.stop();
    ProcessInstance onboarding;
    Job mailJob;
    try {
      onboarding = submittedOnboarding("retrynow" + Long.toString(System.nanoTime(), 36));
      mailJob = await(() -> managementService.createJobQuery().processInstanceId(onboarding.getId())
          .activityId(Ids.SEND_WELCOME_EMAIL).withException().singleResult());
      // As after the last retry of the cycle: no retries left, the next try 20 minutes away
      managementService.setJobDuedate(mailJob.getId(), Date.from(Instant.now().plus(Duration.ofMinutes(20))));
      managementService.setJobRetries(mailJob.getId(), 0);
      assertThat(runtimeService.createIncidentQuery().processInstanceId(onboarding.getId()).count()).isEqualTo(1);
    } finally {
      mailServer.start();
    }
    int mailsBefore = mailServer.receivedMessages().size();

    signInToCockpitAsAdmin();
    browser.go("/camunda/app/cockpit/default/#/process-instance/" + onboarding.getId() + "/runtime?tab=incidents-tab");
    browser.click(By.cssSelector("table.incidents-tab a[ng-click='openJobRetryDialog(incident)']"));
    // Cockpit's dialog as it opens: "Keep due date" chosen, which sends the retries alone
    assertThat(browser.visible(By.cssSelector(".modal-dialog h3")).getText()).isEqualTo("Increment Number of Retries");
    assertThat(browser.driver().findElement(By.id("preserveDueDate")).isSelected()).isTrue();
    long clicked = System.nanoTime();
    browser.click(By.xpath("//div[contains(@class,'modal-footer')]/button[normalize-space(.)='Retry']"));
    browser.visible(By.xpath("//div[contains(@class,'modal-body')]/div[contains(.,'has been incremented successfully')]"));

    Task handOver = await(() -> engine.getTaskService().createTaskQuery().processInstanceId(onboarding.getId())
        .taskDefinitionKey(Ids.HAND_OVER_CREDENTIALS).singleResult());
    Duration tookFromTheClick = Duration.ofNanos(System.nanoTime() - clicked);
    assertThat(tookFromTheClick).as("the mail job ran at once, not in 20 minutes").isLessThan(Duration.ofSeconds(10));
    assertThat(handOver).isNotNull();
    assertThat(runtimeService.createIncidentQuery().processInstanceId(onboarding.getId()).count()).isZero();
    assertThat(mailServer.receivedMessages()).hasSize(mailsBefore + 1);
    assertThat(mailServer.receivedMessages().get(mailsBefore).getSubject()).contains("Contoso Ibérica");
  }

  private ProcessInstance submittedOnboarding(String prefix) {
    OnboardingDriver driver = new OnboardingDriver(engine);
    ProcessInstance pi = driver.start(OnboardingDriver.spanishAccountInfo(prefix));
    driver.confirmAgreement(pi, LocalDate.now(ZoneOffset.UTC));
    driver.selectReseller(pi, OnboardingDriver.RESELLER_ADATUM);
    driver.selectSubscriptions(pi, OnboardingDriver.E3_WITH_TEAMS_PHONE);
    driver.review(pi, Decisions.REVIEW_SUBMIT);
    return pi;
  }

  private void signInToCockpitAsAdmin() {
    browser.signInToWebapp("/camunda/app/cockpit/", "admin", "admin", By.cssSelector("a[href*='#/processes']"));
  }

  private static <T> T await(Supplier<T> found) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    T value;
    while ((value = found.get()) == null) {
      assertThat(System.nanoTime()).as("within 30 s").isLessThan(deadline);
      Thread.sleep(100);
    }
    return value;
  }
}
