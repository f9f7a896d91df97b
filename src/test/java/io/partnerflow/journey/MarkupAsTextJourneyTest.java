package io.partnerflow.journey;

import static org.assertj.core.api.Assertions.assertThat;

import io.partnerflow.mail.EmbeddedMailServer;
import io.partnerflow.onboarding.OnboardingProcess;
import io.partnerflow.referral.ReferralProcess;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.util.List;
import java.util.Properties;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.history.HistoricVariableUpdate;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/**
 * Values people typed (an operator, a prospect) reach Tasklist's forms as text: Markdown and HTML in
 * them are shown literally and build no element. Tasklist renders a form's "text" blocks as
 * Markdown with HTML, so every block that shows such a value is an "html" block, whose values
 * form-js escapes.
 */
// Every variable write in history (ACT_HI_DETAIL), to see what a form submitted
@TestPropertySource(properties = "partnerflow.history.variable-details=all")
class MarkupAsTextJourneyTest extends JourneyTestBase {

  static final String MARKUP = "<img src=x onerror=alert(1)> **Bold** [link](http://x)";

  @Autowired
  EmbeddedMailServer mailServer;

  @Autowired
  HistoryService historyService;

  @Test
  void aCompanyNameWithMarkupIsShownLiterallyInTheTaskForm() {
    String prefix = uniquePrefix("markup");
    Tasklist tasklist = operatorInTasklist();
    StartDialog start = tasklist.startProcess("Add a new customer");
    start.form()
        .type("Company legal name", MARKUP)
        .type("Domain prefix", prefix)
        .type("Address line 1", "Friedrichstraße 10")
        .type("City", "Berlin")
        .type("Postal code", "10117")
        .choose("Country", "Germany (DE)")
        .choose("Culture", "de-DE — German (Germany)")
        .choose("Language", "German (de)")
        .type("First name", "Hans")
        .type("Last name", "Müller")
        .type("Email", "hans@" + prefix + ".example");
    start.start();

    TaskView agreement = tasklist.openTask("Confirm customer agreement", MARKUP).claim();
    assertThat(agreement.form().section("Confirm customer agreement"))
        .contains("Before anything is ordered for " + MARKUP + ", the customer must have accepted");
    assertNothingBuiltFrom(agreement.form());
    assertThat(registry.instance(OnboardingProcess.PROCESS_KEY, prefix)).isNotNull();
  }

  @Test
  void aProspectsCompanyNameWithMarkupIsShownLiterallyAndReadOnlyFieldsAreNotSubmitted() throws Exception {
    mailReferral(MARKUP, "rosa@litware.example");

    TaskView decide = operatorInTasklist().openTask("Decide on referral", MARKUP).claim();
    assertThat(decide.form().section("Decide on referral")).contains(MARKUP + " asks for help");
    assertThat(decide.form().value("Company")).isEqualTo(MARKUP);
    assertNothingBuiltFrom(decide.form());

    decide.form()
        .pick("Decision", "Decline — the customer is asked to choose another partner")
        .type("Reason (optional)", "Outside our region");
    decide.complete();
    registry.awaitReferral(MARKUP, "DECLINED");

    // What Tasklist submitted: the decision and its reason; the read-only fields it showed stay as started
    String referral = registry.instance(ReferralProcess.PROCESS_KEY, MARKUP).getId();
    assertThat(writes(referral, "referralDecision")).as(() -> "variable writes: " + historyService
        .createHistoricDetailQuery().processInstanceId(referral).variableUpdates().list().stream()
        .map(d -> ((HistoricVariableUpdate) d).getVariableName() + "@" + d.getTaskId()).toList()).isEqualTo(1);
    assertThat(writes(referral, "companyName")).as("read-only field written by the form").isEqualTo(1);
    assertThat(writes(referral, "need")).as("read-only text area written by the form").isEqualTo(1);
  }

  /** No image, no bold text and no link came out of the value; no script ran. */
  private void assertNothingBuiltFrom(CamundaForm form) {
    assertThat(form.elements("img")).isEmpty();
    assertThat(form.elements("a[href='http://x']")).isEmpty();
    assertThat(form.elements("strong, b, em")).noneMatch(e -> e.getText().equals("Bold"));
    assertThat(browser.driver().findElements(By.tagName("img")).stream()
        .filter(i -> "x".equals(i.getDomAttribute("src")))).isEmpty();
  }

  /** How often the variable was written in the instance (its start counts once). */
  private long writes(String processInstanceId, String variable) {
    List<HistoricVariableUpdate> updates = historyService.createHistoricDetailQuery().processInstanceId(processInstanceId)
        .variableUpdates().list().stream()
        .map(HistoricVariableUpdate.class::cast)
        .filter(u -> u.getVariableName().equals(variable)).toList();
    return updates.size();
  }

  private void mailReferral(String company, String from) throws Exception {
    Properties properties = new Properties();
    properties.put("mail.smtp.host", mailServer.host());
    properties.put("mail.smtp.port", String.valueOf(mailServer.smtpPort()));
    MimeMessage mail = new MimeMessage(Session.getInstance(properties));
    mail.setFrom(new InternetAddress(from));
    mail.setRecipients(Message.RecipientType.TO, "referrals@northwind-partners.example");
    mail.setSubject("Solicitud de información", "UTF-8");
    mail.setText("Empresa: " + company + "\nContacto: Rosa Vidal\nEmail: " + from
        + "\nPaís: ES\nIdioma: es\nNecesidad: 50 Microsoft 365 licenses\n", "UTF-8");
    Transport.send(mail);
  }
}
