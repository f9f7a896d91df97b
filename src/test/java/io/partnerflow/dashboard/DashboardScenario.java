package io.partnerflow.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.partnerflow.onboarding.OnboardingDriver;
import io.partnerflow.onboarding.OnboardingProcess.Decisions;
import io.partnerflow.onboarding.OnboardingProcess.Ids;
import io.partnerflow.provisioning.PartnerCenterFaults;
import io.partnerflow.provisioning.SimulatedFaults;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;

/**
 * What the dashboard tests look at, driven through the engine as Tasklist and the job executor
 * would: one onboarding to the end (its review claimed, then completed), one cancelled with a
 * reason, one waiting at Review, one whose provisioning failed twice, into an incident.
 */
final class DashboardScenario {

  static final String CANCELLATION_REASON = "Budget frozen until Q3";

  final ProcessInstance onboarded;
  final ProcessInstance cancelled;
  final ProcessInstance atReview;
  final ProcessInstance incident;

  private DashboardScenario(ProcessInstance onboarded, ProcessInstance cancelled, ProcessInstance atReview,
      ProcessInstance incident) {
    this.onboarded = onboarded;
    this.cancelled = cancelled;
    this.atReview = atReview;
    this.incident = incident;
  }

  static DashboardScenario drive(ProcessEngine engine, SimulatedFaults faults) {
    OnboardingDriver driver = new OnboardingDriver(engine);
    LocalDate today = LocalDate.now(ZoneOffset.UTC);

    ProcessInstance onboarded = toReview(driver, "dashdone", today);
    String review = driver.task(onboarded, Ids.REVIEW).getId();
    engine.getTaskService().claim(review, OnboardingDriver.OPERATOR);
    driver.review(onboarded, Decisions.REVIEW_SUBMIT);
    driver.executeJob(onboarded, Ids.PROVISION_SUBSCRIPTIONS);
    driver.executeJob(onboarded, Ids.SEND_WELCOME_EMAIL);
    driver.handOverCredentials(onboarded);

    ProcessInstance cancelled = driver.start(OnboardingDriver.spanishAccountInfo(OnboardingDriver.uniqueDomainPrefix("dashcancel")));
    driver.cancelAgreement(cancelled, CANCELLATION_REASON);

    ProcessInstance atReview = toReview(driver, "dashreview", today);

    ProcessInstance incident = toReview(driver, "dashfail", today);
    driver.review(incident, Decisions.REVIEW_SUBMIT);
    String job = driver.job(incident, Ids.PROVISION_SUBSCRIPTIONS).getId();
    faults.set(new PartnerCenterFaults(2, Duration.ZERO, Duration.ZERO));
    try {
      // The first failure starts the retry cycle; with one retry left, the second ends in an incident
      assertThatThrownBy(() -> engine.getManagementService().executeJob(job)).isNotNull();
      engine.getManagementService().setJobRetries(job, 1);
      assertThatThrownBy(() -> engine.getManagementService().executeJob(job)).isNotNull();
    } finally {
      faults.set(PartnerCenterFaults.NONE);
    }
    assertThat(engine.getRuntimeService().createIncidentQuery().processInstanceId(incident.getId()).count()).isEqualTo(1);
    return new DashboardScenario(onboarded, cancelled, atReview, incident);
  }

  private static ProcessInstance toReview(OnboardingDriver driver, String domain, LocalDate today) {
    ProcessInstance pi = driver.start(OnboardingDriver.spanishAccountInfo(OnboardingDriver.uniqueDomainPrefix(domain)));
    driver.confirmAgreement(pi, today);
    driver.selectReseller(pi, OnboardingDriver.RESELLER_ADATUM);
    driver.selectSubscriptions(pi, OnboardingDriver.E3_WITH_TEAMS_PHONE);
    return pi;
  }
}
