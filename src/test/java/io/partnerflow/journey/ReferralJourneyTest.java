package io.partnerflow.journey;

import static org.assertj.core.api.Assertions.assertThat;

import io.partnerflow.journey.Mailbox.Mail;
import io.partnerflow.mail.EmbeddedMailServer;
import io.partnerflow.onboarding.OnboardingProcess;
import io.partnerflow.referral.ReferralProcess;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Properties;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A prospect mails the referrals address (from its own mail client, over SMTP); the poller turns
 * the mail into "Decide on referral" in Tasklist, and the operator accepts (a wrong closing date
 * first), declines, and records won or lost.
 */
class ReferralJourneyTest extends JourneyTestBase {

  @Autowired
  EmbeddedMailServer mailServer;

  @Test
  void acceptedWithAWrongDateFirstThenWonStartsTheOnboarding() throws Exception {
    String company = "Litware Iberia " + uniquePrefix("won");
    mailReferral(company, "rosa@litware.example", "50 Microsoft 365 licenses");

    Tasklist tasklist = operatorInTasklist();
    TaskView decide = tasklist.openTask("Decide on referral", company).claim();
    assertThat(decide.form().value("What the customer needs")).isEqualTo("50 Microsoft 365 licenses");
    decide.form()
        .pick("Decision", "Accept — the referral becomes active")
        .type("Estimated deal value", "12000")
        .date("Estimated closing date", LocalDate.now(ZoneOffset.UTC).minusDays(2));
    decide.complete();

    decide = tasklist.openTask("Decide on referral", company).claim();
    assertThat(decide.form().section("Please correct the following")).contains("closing date")
        .doesNotContain("estimatedCloseDate", "`");
    decide.form()
        .pick("Decision", "Accept — the referral becomes active")
        .date("Estimated closing date", LocalDate.now(ZoneOffset.UTC).plusDays(30));
    decide.complete();
    assertThat(registry.awaitReferral(company, "ACTIVE").estimatedDealValue()).isEqualTo("12000.00");

    TaskView outcome = tasklist.openTask("Record referral outcome", company).claim();
    outcome.form().pick("Outcome", "Won — start onboarding the customer");
    outcome.complete();

    HistoricProcessInstance referral = registry.instance(ReferralProcess.PROCESS_KEY, company);
    assertThat(registry.endEvent(referral.getId())).isEqualTo(ReferralProcess.Ids.END_WON);
    // The onboarding waits for what a referral cannot know, prefilled with what it does
    TaskView edit = tasklist.openTask("Edit account info", company).claim();
    assertThat(edit.form().value("First name")).isEqualTo("Rosa");
    assertThat(edit.form().value("Email")).isEqualTo("rosa@litware.example");
    assertThat(registry.instance(OnboardingProcess.PROCESS_KEY, company).getId())
        .isEqualTo(registry.awaitReferral(company, "WON").onboardingProcessInstanceId());
  }

  @Test
  void acceptedThenLost() throws Exception {
    String company = "Adventure Works " + uniquePrefix("lost");
    mailReferral(company, "ana@adventure-works.example", "Dynamics 365 Sales for 20 people");

    Tasklist tasklist = operatorInTasklist();
    TaskView decide = tasklist.openTask("Decide on referral", company).claim();
    decide.form()
        .pick("Decision", "Accept — the referral becomes active")
        .type("Estimated deal value", "8000")
        .date("Estimated closing date", LocalDate.now(ZoneOffset.UTC).plusDays(10));
    decide.complete();
    TaskView outcome = tasklist.openTask("Record referral outcome", company).claim();
    outcome.form().pick("Outcome", "Lost");
    outcome.complete();

    HistoricProcessInstance referral = registry.instance(ReferralProcess.PROCESS_KEY, company);
    assertThat(registry.endEvent(referral.getId())).isEqualTo(ReferralProcess.Ids.END_LOST);
    assertThat(registry.awaitReferral(company, "LOST").onboardingProcessInstanceId()).isNull();
  }

  @Test
  void declinedAndTheProspectIsToldInItsLanguage() throws Exception {
    String company = "Empresa Ejemplo " + uniquePrefix("decl");
    String prospect = "lucia@ejemplo.example";
    mailReferral(company, prospect, "Necesitamos 10 buzones de correo");

    TaskView decide = operatorInTasklist().openTask("Decide on referral", company).claim();
    decide.form()
        .pick("Decision", "Decline — the customer is asked to choose another partner")
        .type("Reason (optional)", "Outside our region");
    decide.complete();

    HistoricProcessInstance referral = registry.instance(ReferralProcess.PROCESS_KEY, company);
    assertThat(registry.endEvent(referral.getId())).isEqualTo(ReferralProcess.Ids.END_DECLINED);
    assertThat(registry.awaitReferral(company, "DECLINED").declineReason()).isEqualTo("Outside our region");
    Mail notice = Mailbox.open(browser).openNewest(prospect, company);
    assertThat(notice.subject()).isEqualTo("Su solicitud a Northwind Cloud Partners para " + company);
    assertThat(notice.htmlText()).doesNotContain("Outside our region");
  }

  /** The prospect's own mail client sends the request to the referrals address. */
  private void mailReferral(String company, String from, String need) throws Exception {
    Properties properties = new Properties();
    properties.put("mail.smtp.host", mailServer.host());
    properties.put("mail.smtp.port", String.valueOf(mailServer.smtpPort()));
    MimeMessage mail = new MimeMessage(Session.getInstance(properties));
    mail.setFrom(new InternetAddress(from));
    mail.setRecipients(Message.RecipientType.TO, "referrals@northwind-partners.example");
    mail.setSubject("Solicitud de información", "UTF-8");
    String first = from.substring(0, 1).toUpperCase() + from.substring(1, from.indexOf('@'));
    mail.setText("Empresa: " + company + "\nContacto: " + first + " Vidal\nEmail: " + from
        + "\nPaís: ES\nIdioma: es\nNecesidad: " + need + "\n", "UTF-8");
    Transport.send(mail);
  }
}
