package io.partnerflow.referral;

import static io.partnerflow.testsupport.ProcessTestSupport.NOW;
import static io.partnerflow.testsupport.ProcessTestSupport.OPERATOR;
import static io.partnerflow.testsupport.ProcessTestSupport.TODAY;
import static io.partnerflow.testsupport.ProcessTestSupport.bodyPart;
import static io.partnerflow.testsupport.ProcessTestSupport.brokenRules;
import static io.partnerflow.testsupport.ProcessTestSupport.fixEngineClock;
import static io.partnerflow.testsupport.ProcessTestSupport.mailsTo;
import static io.partnerflow.testsupport.ProcessTestSupport.setClock;
import static io.partnerflow.testsupport.ProcessTestSupport.uniqueDomainPrefix;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import io.partnerflow.mail.EmbeddedMailServer;
import io.partnerflow.onboarding.OnboardingProcess;
import io.partnerflow.referral.ReferralProcess.Decisions;
import io.partnerflow.referral.ReferralProcess.Ids;
import io.partnerflow.validation.PageResult;
import jakarta.mail.Message;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.annotation.DirtiesContext.ClassMode;

/**
 * "Respond to a referral": one test per gateway outcome and end event (won, lost, declined,
 * expired), the invalid acceptance that goes back to the decision, and the 14-day expiry by the
 * engine clock. Each checks where the process stands, what the registry holds and which mails went
 * out. The context is closed after the class because only one engine context may live.
 */
@SpringBootTest
@DirtiesContext(classMode = ClassMode.AFTER_CLASS)
class ReferralProcessTest {

  @Autowired ProcessEngine processEngine;
  @Autowired RuntimeService runtimeService;
  @Autowired HistoryService historyService;
  @Autowired ReferralIntake intake;
  @Autowired ReferralRegistry registry;
  @Autowired EmbeddedMailServer mailServer;
  @Autowired JavaMailSender mailSender;
  @Autowired ReferralMailPoller mailPoller;
  @Autowired ReferralMailProperties mailProperties;

  ReferralDriver driver;
  String company;
  String email;

  @BeforeEach
  void setUp() {
    BpmnAwareTests.init(processEngine);
    fixEngineClock();
    driver = new ReferralDriver(processEngine);
    String prefix = uniqueDomainPrefix("contoso");
    company = "Contoso Ibérica " + prefix;
    email = "lucia.garcia@" + prefix + ".example";
  }

  @AfterEach
  void tearDown() {
    processEngine.getIdentityService().clearAuthentication();
    ClockUtil.reset();
  }

  // --- accept: won / lost -------------------------------------------------------------------------

  @Test
  void acceptedReferralBecomesActiveAndWonStartsAPrefilledOnboardingThatWaitsForTheAddress() {
    Referral referral = receive("ES", "es");
    ProcessInstance pi = driver.instance(referral);
    assertThat(pi).isWaitingAt(Ids.DECIDE).task().hasCandidateGroup("operators");
    assertThat(processEngine.getFormService().getDeployedTaskForm(driver.task(pi, Ids.DECIDE).getId()))
        .asString(java.nio.charset.StandardCharsets.UTF_8).contains("\"form-decide-referral\"");

    driver.accept(pi, 25_000.5, TODAY.plusDays(30));

    assertThat(pi).isWaitingAt(Ids.RECORD_OUTCOME).hasPassed(Ids.ACTIVATE).hasNotPassed(Ids.DECLINE);
    Referral active = registry.find(referral.id()).orElseThrow();
    assertThat(active.status()).isEqualTo(ReferralStatus.ACTIVE);
    assertThat(active.estimatedDealValue()).isEqualByComparingTo("25000.50");
    assertThat(active.estimatedCloseDate()).isEqualTo(TODAY.plusDays(30));
    assertThat(active.decidedBy()).isEqualTo(OPERATOR);
    assertThat(active.decidedAt()).isEqualTo(NOW);
    assertThat(ReferralProcess.REFERRAL_ERRORS.from(runtimeService.getVariables(pi.getId()))).isEmpty();
    assertThat(processEngine.getFormService().getDeployedTaskForm(driver.task(pi, Ids.RECORD_OUTCOME).getId()))
        .asString(java.nio.charset.StandardCharsets.UTF_8).contains("\"form-referral-outcome\"");

    driver.recordOutcome(pi, Decisions.WON);

    assertThat(pi).isEnded().hasPassed(Ids.START_ONBOARDING, Ids.END_WON).hasNotPassed(Ids.MARK_LOST);
    Referral won = registry.find(referral.id()).orElseThrow();
    assertThat(won.status()).isEqualTo(ReferralStatus.WON);
    assertThat(won.outcomeAt()).isEqualTo(NOW);
    String onboardingId = won.onboardingProcessInstanceId();
    assertThat(onboardingId).isNotNull();
    assertThat(historyService.createHistoricVariableInstanceQuery().processInstanceId(pi.getId())
        .variableName(ReferralProcess.ONBOARDING_PROCESS_INSTANCE_ID.name()).singleResult().getValue())
        .isEqualTo(onboardingId);

    ProcessInstance onboarding =
        runtimeService.createProcessInstanceQuery().processInstanceId(onboardingId).singleResult();
    assertThat(onboarding.getBusinessKey()).as("the company until a domain prefix is entered").isEqualTo(company);
    assertThat(onboarding).isWaitingAt(OnboardingProcess.Ids.EDIT_ACCOUNT_INFO)
        .hasPassed(OnboardingProcess.Ids.VALIDATE_ACCOUNT_INFO);
    Map<String, Object> v = runtimeService.getVariables(onboardingId);
    assertThat(OnboardingProcess.COMPANY_NAME.from(v)).isEqualTo(company);
    assertThat(OnboardingProcess.CONTACT_FIRST_NAME.from(v)).isEqualTo("Lucía");
    assertThat(OnboardingProcess.CONTACT_LAST_NAME.from(v)).isEqualTo("García");
    assertThat(OnboardingProcess.CONTACT_EMAIL.from(v)).isEqualTo(email);
    assertThat(OnboardingProcess.CONTACT_PHONE.from(v)).isEqualTo("+34 915 123 456");
    assertThat(OnboardingProcess.COUNTRY.from(v)).isEqualTo("ES");
    assertThat(OnboardingProcess.LANGUAGE.from(v)).isEqualTo("es");
    assertThat(OnboardingProcess.CULTURE.from(v)).isEqualTo("es-ES");
    assertThat(OnboardingProcess.INITIATOR.from(v)).isEqualTo(OPERATOR);
    // Only what a referral cannot know is left to the operator
    assertThat(brokenRules(OnboardingProcess.ACCOUNT_INFO_ERRORS, v)).containsExactlyInAnyOrder(
        "domainPrefix/required", "addressLine1/required", "city/required", "postalCode/required");
  }

  @Test
  void acceptedReferralThatIsLostEndsLostWithoutAnOnboarding() {
    Referral referral = receive("BR", "pt");
    ProcessInstance pi = driver.instance(referral);
    driver.accept(pi, 1.0, TODAY);

    driver.recordOutcome(pi, Decisions.LOST);

    assertThat(pi).isEnded().hasPassed(Ids.MARK_LOST, Ids.END_LOST).hasNotPassed(Ids.START_ONBOARDING);
    Referral lost = registry.find(referral.id()).orElseThrow();
    assertThat(lost.status()).isEqualTo(ReferralStatus.LOST);
    assertThat(lost.onboardingProcessInstanceId()).isNull();
    assertThat(lost.outcomeAt()).isEqualTo(NOW);
    assertThat(runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(referral.companyName())
        .processDefinitionKey(OnboardingProcess.PROCESS_KEY).count()).isZero();
  }

  @Test
  void anInvalidAcceptanceGoesBackToTheDecisionWithTheBrokenRules() {
    Referral referral = receive("ES", "es");
    ProcessInstance pi = driver.instance(referral);

    driver.accept(pi, 0.0, TODAY.minusDays(1));

    assertThat(pi).isWaitingAt(Ids.DECIDE).hasPassed(Ids.BOUNDARY_ACCEPTANCE_INVALID).hasNotPassed(Ids.RECORD_OUTCOME);
    assertThat(brokenRules(ReferralProcess.REFERRAL_ERRORS, runtimeService.getVariables(pi.getId())))
        .containsExactly("estimatedDealValue/min", "estimatedCloseDate/not-in-past");
    assertThat(registry.find(referral.id()).orElseThrow().status()).isEqualTo(ReferralStatus.NEW);

    driver.accept(pi, 2_000_000_000.0, null);
    assertThat(brokenRules(ReferralProcess.REFERRAL_ERRORS, runtimeService.getVariables(pi.getId())))
        .containsExactly("estimatedDealValue/max", "estimatedCloseDate/required");
    // Going back to the decision does not restart the clock: still due 14 days after receipt
    assertThat(processEngine.getManagementService().createJobQuery().processInstanceId(pi.getId()).timers()
        .singleResult().getDuedate().toInstant()).isEqualTo(referral.receivedAt().plus(Duration.ofDays(14)));

    driver.accept(pi, 12_000.0, TODAY.plusDays(10));
    assertThat(pi).isWaitingAt(Ids.RECORD_OUTCOME);
    assertThat(ReferralProcess.REFERRAL_ERRORS.from(runtimeService.getVariables(pi.getId()))).isEmpty();
    assertThat(registry.find(referral.id()).orElseThrow().status()).isEqualTo(ReferralStatus.ACTIVE);
  }

  // --- decline ------------------------------------------------------------------------------------

  @Test
  void declinedReferralTellsTheProspectInTheirLanguageToChooseAnotherPartner() throws Exception {
    Referral referral = receive("ES", "es");
    ProcessInstance pi = driver.instance(referral);

    driver.decline(pi, "Outside our region");

    // Recorded with the decision; the mail waits in its own job
    assertThat(pi).isWaitingAt(Ids.SEND_DECLINE_NOTICE).hasPassed(Ids.DECLINE);
    Referral declined = registry.find(referral.id()).orElseThrow();
    assertThat(declined.status()).isEqualTo(ReferralStatus.DECLINED);
    assertThat(declined.declineReason()).isEqualTo("Outside our region");
    assertThat(declined.decidedBy()).isEqualTo(OPERATOR);
    assertThat(mailsTo(mailServer, email)).isEmpty();

    driver.executeJob(pi, Ids.SEND_DECLINE_NOTICE);

    assertThat(pi).isEnded().hasPassed(Ids.END_DECLINED);
    List<MimeMessage> mails = mailsTo(mailServer, email);
    assertThat(mails).hasSize(1);
    MimeMessage mail = mails.get(0);
    assertThat(mail.getSubject()).isEqualTo("Su solicitud a Northwind Cloud Partners para " + company);
    assertThat(mail.getMessageID()).isEqualTo("<referral-declined-" + referral.id() + "@partnerflow>");
    String text = bodyPart(mail, "text/plain");
    assertThat(text).contains("Hola, Lucía García:", "no puede atender su solicitud",
        "elija otro partner en el directorio de partners de Microsoft", ReferralMailer.PARTNER_DIRECTORY_URL)
        .doesNotContain("Outside our region");
    assertThat(bodyPart(mail, "text/html")).contains("lang=\"es\"", ReferralMailer.PARTNER_DIRECTORY_URL);
  }

  @Test
  void withoutALanguageTheNoticeIsWrittenInTheCountrysLanguage() throws Exception {
    Referral referral = receive("IT", null);
    ProcessInstance pi = driver.instance(referral);

    driver.decline(pi, null);
    driver.executeJob(pi, Ids.SEND_DECLINE_NOTICE);

    assertThat(pi).isEnded().hasPassed(Ids.END_DECLINED);
    assertThat(registry.find(referral.id()).orElseThrow().declineReason()).isNull();
    MimeMessage mail = mailsTo(mailServer, email).get(0);
    assertThat(mail.getSubject()).isEqualTo("La Sua richiesta a Northwind Cloud Partners per " + company);
    assertThat(bodyPart(mail, "text/plain")).contains("Gentile Lucía García,", "scegliere un altro partner");
  }

  // --- expiry -------------------------------------------------------------------------------------

  @Test
  void withoutADecisionIn14DaysTheReferralExpiresAndNotADayEarlier() throws Exception {
    Referral referral = receive("ES", "es");
    ProcessInstance pi = driver.instance(referral);

    setClock(NOW.plus(Duration.ofDays(13)));
    assertThat(driver.dueJobs(pi)).isZero();

    setClock(NOW.plus(Duration.ofDays(14)));
    assertThat(driver.dueJobs(pi)).isEqualTo(1);
    driver.executeJob(pi, Ids.TIMER_DECISION_DUE);

    assertThat(pi).isEnded().hasPassed(Ids.EXPIRE, Ids.END_EXPIRED).hasNotPassed(Ids.ACTIVATE, Ids.DECLINE);
    Referral expired = registry.find(referral.id()).orElseThrow();
    assertThat(expired.status()).isEqualTo(ReferralStatus.EXPIRED);
    assertThat(expired.decidedBy()).isNull();
    assertThat(mailsTo(mailServer, email)).isEmpty();
  }

  // --- the referrals mailbox ----------------------------------------------------------------------

  @Test
  void aMailToTheReferralsMailboxStartsAReferralOnce() throws Exception {
    MimeMessage mail = mailSender.createMimeMessage();
    mail.setFrom(new InternetAddress(email, "Lucía García", "UTF-8"));
    mail.setRecipients(Message.RecipientType.TO, mailProperties.mailbox());
    mail.setSubject(company, "UTF-8");
    mail.setText("Contacto: Lucía García\nTeléfono: +34 915 123 456\nPaís: ES\nIdioma: es\n"
        + "Necesidad: 20 buzones\ny Teams.", "UTF-8");
    mailSender.send(mail);

    assertThat(mailPoller.pollOnce()).isEqualTo(1);
    assertThat(mailPoller.pollOnce()).isZero();

    PageResult<Referral> found = registry.search(email, null, 0, 10);
    assertThat(found.total()).isEqualTo(1);
    Referral referral = found.items().get(0);
    assertThat(referral.source()).isEqualTo(NewReferral.SOURCE_EMAIL);
    assertThat(referral.companyName()).isEqualTo(company);
    assertThat(referral.need()).isEqualTo("20 buzones\ny Teams.");
    ProcessInstance pi = driver.instance(referral);
    assertThat(pi).isWaitingAt(Ids.DECIDE);
    assertThat(pi.getBusinessKey()).as("readable in Tasklist and Cockpit").isEqualTo(company);
  }

  // --- searching ----------------------------------------------------------------------------------

  @Test
  void everyOutcomeStaysSearchableByStatusAndText() {
    String prefix = uniqueDomainPrefix("Searchable");
    ProcessInstance won = driver.instance(receive(prefix + " Won", "ES", "es"));
    ProcessInstance lost = driver.instance(receive(prefix + " Lost", "ES", "es"));
    ProcessInstance declined = driver.instance(receive(prefix + " Declined", "ES", "es"));
    ProcessInstance expired = driver.instance(receive(prefix + " Expired", "ES", "es"));
    driver.accept(won, 10.0, TODAY);
    driver.recordOutcome(won, Decisions.WON);
    driver.accept(lost, 10.0, TODAY);
    driver.recordOutcome(lost, Decisions.LOST);
    driver.decline(declined, null);
    setClock(NOW.plus(Duration.ofDays(14)));
    driver.executeJob(expired, Ids.TIMER_DECISION_DUE);

    assertThat(companies(registry.search(prefix.toLowerCase(), null, 0, 10)))
        .containsExactlyInAnyOrder(prefix + " Won", prefix + " Lost", prefix + " Declined", prefix + " Expired");
    assertThat(companies(registry.search(prefix, ReferralStatus.WON, 0, 10))).containsExactly(prefix + " Won");
    assertThat(companies(registry.search(prefix, ReferralStatus.LOST, 0, 10))).containsExactly(prefix + " Lost");
    assertThat(companies(registry.search(prefix.toUpperCase(), ReferralStatus.DECLINED, 0, 10)))
        .containsExactly(prefix + " Declined");
    assertThat(companies(registry.search(prefix, ReferralStatus.EXPIRED, 0, 10)))
        .containsExactly(prefix + " Expired");
    assertThat(registry.search(prefix, ReferralStatus.NEW, 0, 10).total()).isZero();
    assertThat(registry.search(null, ReferralStatus.WON, 0, 100).items()).extracting(Referral::companyName)
        .contains(prefix + " Won");
  }

  // --- helpers ------------------------------------------------------------------------------------

  private Referral receive(String country, String language) {
    return receive(company, country, language);
  }

  private Referral receive(String companyName, String country, String language) {
    return intake.receive(new NewReferral(companyName, "Lucía", "García", email, "+34 915 123 456", country,
        language, "Move 20 mailboxes to Exchange Online\nand set up Teams.", NewReferral.SOURCE_API, null));
  }

  private static List<String> companies(PageResult<Referral> page) {
    return page.items().stream().map(Referral::companyName).toList();
  }
}
