package io.partnerflow.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.partnerflow.invitation.Answer;
import io.partnerflow.invitation.AnswerChannel;
import io.partnerflow.invitation.AnswerType;
import io.partnerflow.invitation.InvitationAnswerService;
import io.partnerflow.invitation.InvitationRequest;
import io.partnerflow.invitation.InvitationStarter;
import io.partnerflow.onboarding.OnboardingDriver;
import io.partnerflow.onboarding.OnboardingProcess.Decisions;
import io.partnerflow.onboarding.OnboardingProcess.Ids;
import io.partnerflow.provisioning.PartnerCenterFaults;
import io.partnerflow.provisioning.SimulatedPartnerCenter;
import io.partnerflow.referral.NewReferral;
import io.partnerflow.referral.ReferralIntake;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What the dashboard tests look at, driven through the product as Tasklist, the job executor and
 * customers would (job executor off: jobs run here): one onboarding to the end (its review claimed,
 * then completed), one cancelled with a reason, one waiting at Review, one whose provisioning failed
 * twice into an incident; two Spanish invitations, one accepted on the page and one declined with a
 * reason; two referrals, one from the API and one by mail.
 */
public final class DashboardScenario {

  public static final String CANCELLATION_REASON = "Budget frozen until Q3";
  public static final String DECLINE_REASON = "We stay with our current partner";

  /** The instances a test follows. */
  public record Run(ProcessInstance onboarded, ProcessInstance cancelled, ProcessInstance atReview,
      ProcessInstance incident) {}

  private final ApplicationContext context;
  private final ProcessEngine engine;

  public DashboardScenario(ApplicationContext context) {
    this.context = context;
    this.engine = context.getBean(ProcessEngine.class);
  }

  public Run drive() {
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
    ProcessInstance incident = failedProvisioning(driver, today);
    invitations();
    referrals();
    // What a manager would see a minute later: the facts refreshed from history
    context.getBean(DashboardFacts.class).refresh();
    return new Run(onboarded, cancelled, atReview, incident);
  }

  private ProcessInstance failedProvisioning(OnboardingDriver driver, LocalDate today) {
    ProcessInstance incident = toReview(driver, "dashfail", today);
    driver.review(incident, Decisions.REVIEW_SUBMIT);
    String job = driver.job(incident, Ids.PROVISION_SUBSCRIPTIONS).getId();
    ManagementService management = engine.getManagementService();
    SimulatedPartnerCenter partnerCenter = context.getBean(SimulatedPartnerCenter.class);
    partnerCenter.faults().set(new PartnerCenterFaults(2, Duration.ZERO, Duration.ZERO));
    try {
      // The first failure starts the retry cycle; with one retry left, the second ends in an incident
      assertThatThrownBy(() -> management.executeJob(job)).isNotNull();
      management.setJobRetries(job, 1);
      assertThatThrownBy(() -> management.executeJob(job)).isNotNull();
    } finally {
      partnerCenter.faults().set(PartnerCenterFaults.NONE);
    }
    assertThat(engine.getRuntimeService().createIncidentQuery().processInstanceId(incident.getId()).count()).isEqualTo(1);
    return incident;
  }

  private void invitations() {
    InvitationStarter starter = context.getBean(InvitationStarter.class);
    InvitationAnswerService answers = context.getBean(InvitationAnswerService.class);
    JdbcClient jdbc = context.getBean(JdbcClient.class);
    for (AnswerType answer : AnswerType.values()) {
      String domain = OnboardingDriver.uniqueDomainPrefix("dashinvite");
      ProcessInstance pi = starter.start(new InvitationRequest("Contoso Ibérica " + domain, domain,
          "lucia.garcia@" + domain + ".example", "Lucía", "García", "es-ES", "es", null), null, false,
          OnboardingDriver.OPERATOR);
      runDueJobs(pi);
      String invitationId = jdbc.sql("select id from invitation where process_instance_id = ?").param(pi.getId())
          .query(String.class).single();
      answers.answerByInvitationId(invitationId, new Answer(answer, AnswerChannel.LINK, "Lucía García",
          "lucia.garcia@" + domain + ".example", answer == AnswerType.DECLINE ? DECLINE_REASON : null,
          answer == AnswerType.ACCEPT ? Boolean.TRUE : null));
      runDueJobs(pi);
    }
  }

  private void referrals() {
    ReferralIntake intake = context.getBean(ReferralIntake.class);
    intake.receive(new NewReferral("Litware Iberia", "Rosa", "Vidal", "rosa@litware.example", null, "ES", "es",
        "50 Microsoft 365 licences", NewReferral.SOURCE_API, "dash-" + System.nanoTime()));
    intake.receive(new NewReferral("Tailspin Toys", "Marco", "Rossi", "marco@tailspin.example", null, "IT", "it",
        "Teams Phone for 20 users", NewReferral.SOURCE_EMAIL, null));
  }

  /** Runs the instance's due jobs (async steps; not its future timers) until none is left. */
  private void runDueJobs(ProcessInstance pi) {
    for (int round = 0; round < 20; round++) {
      Job job = engine.getManagementService().createJobQuery().processInstanceId(pi.getId()).executable()
          .listPage(0, 1).stream().findFirst().orElse(null);
      if (job == null) {
        return;
      }
      engine.getManagementService().executeJob(job.getId());
    }
    throw new AssertionError("jobs of " + pi.getId() + " kept coming");
  }

  private static ProcessInstance toReview(OnboardingDriver driver, String domain, LocalDate today) {
    ProcessInstance pi = driver.start(OnboardingDriver.spanishAccountInfo(OnboardingDriver.uniqueDomainPrefix(domain)));
    driver.confirmAgreement(pi, today);
    driver.selectReseller(pi, OnboardingDriver.RESELLER_ADATUM);
    driver.selectSubscriptions(pi, OnboardingDriver.E3_WITH_TEAMS_PHONE);
    return pi;
  }
}
