package io.partnerflow.invitation.process;

import static io.partnerflow.invitation.InvitationProcess.*;
import static io.partnerflow.invitation.process.InvitationDriver.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import io.partnerflow.consent.AgreementAttestation;
import io.partnerflow.customer.ContactRecord;
import io.partnerflow.customer.CustomerRecord;
import io.partnerflow.customer.CustomerRegistry;
import io.partnerflow.customer.Relationship;
import io.partnerflow.customer.RelationshipEvent;
import io.partnerflow.customer.RelationshipService;
import io.partnerflow.invitation.Answer;
import io.partnerflow.invitation.AnswerChannel;
import io.partnerflow.invitation.AnswerOutcome;
import io.partnerflow.invitation.AnswerType;
import io.partnerflow.invitation.InboundReply;
import io.partnerflow.invitation.Invitation;
import io.partnerflow.invitation.InvitationProcess.Decisions;
import io.partnerflow.invitation.InvitationProcess.Ids;
import io.partnerflow.invitation.InvitationStatus;
import io.partnerflow.invitation.InvitationTokens;
import io.partnerflow.invitation.ReadReply;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.annotation.DirtiesContext.ClassMode;

/**
 * "Invite a customer to connect": one test per gateway outcome and end event, plus the waits
 * (reminders, expiry), answer correlation and the race between a link and a reply. Each checks
 * where the process stands, what the registry holds and which mails went out.
 *
 * <p>Mock web environment ({@code NONE} does not start: Camunda's REST starter needs a servlet
 * context); the context is closed after the class because only one engine context may live.
 */
@SpringBootTest
@DirtiesContext(classMode = ClassMode.AFTER_CLASS)
class InvitationToConnectProcessTest extends InvitationProcessTestBase {

  private static final Instant EXPIRES = NOW.plus(Duration.ofDays(30));

  @Autowired RuntimeService runtimeService;
  @Autowired ManagementService managementService;

  // --- request and send -------------------------------------------------------------------------

  @Test
  void validRequestRegistersTheInvitationAndMailsTheAdminASpanishLinkValidFor30Days() throws Exception {
    ProcessInstance pi = driver.start(spanishRequest(prefix));

    // Registered in the start transaction; the mail waits in its own job.
    assertThat(pi).isWaitingAt(Ids.SEND_INVITATION).hasPassed(Ids.VALIDATE_INVITATION, Ids.REGISTER_INVITATION)
        .hasNotPassed(Ids.EDIT_INVITATION);
    String invitationId = driver.invitationId(pi);
    Invitation registered = registry.find(invitationId).orElseThrow();
    assertThat(registered.processInstanceId()).isEqualTo(pi.getId());
    assertThat(registered.status()).isEqualTo(InvitationStatus.PENDING);
    assertThat(registered.companyName()).isEqualTo(companyName(prefix));
    assertThat(registered.domainPrefix()).isEqualTo(prefix);
    assertThat(registered.customerId()).isNull();
    assertThat(registered.adminEmail()).isEqualTo(email);
    assertThat(registered.adminName()).isEqualTo("Lucía García");
    assertThat(registered.culture()).isEqualTo("es-ES");
    assertThat(registered.language()).isEqualTo("es");
    assertThat(registered.includeDelegatedAdmin()).isFalse();
    assertThat(registered.expiresAt()).isNull();
    assertThat(registered.sendCount()).isZero();
    assertThat(registered.createdBy()).isEqualTo(OPERATOR);
    assertThat(registered.createdAt()).isEqualTo(NOW);
    assertThat(driver.tokens(invitationId)).isZero();
    assertThat(driver.mailsTo(email)).isEmpty();

    driver.executeJob(pi, Ids.SEND_INVITATION);

    assertThat(pi).isWaitingAt(Ids.AWAIT_ANSWER);
    Invitation sent = registry.find(invitationId).orElseThrow();
    assertThat(sent.status()).isEqualTo(InvitationStatus.PENDING);
    assertThat(sent.expiresAt()).isEqualTo(EXPIRES);
    assertThat(sent.sendCount()).isEqualTo(1);
    assertThat(sent.personalMessage()).isEqualTo("Nos gustaría ser su revendedor de Microsoft.");
    assertThat(timerDueDates(pi)).isEqualTo(Map.of(
        Ids.TIMER_FIRST_REMINDER, NOW.plus(Duration.ofDays(3)),
        Ids.TIMER_SECOND_REMINDER, NOW.plus(Duration.ofDays(7)),
        Ids.TIMER_EXPIRY, EXPIRES));
    assertThat(driver.dueJobActivities(pi)).isEmpty();

    MimeMessage mail = driver.onlyMailTo(email);
    assertThat(mail.getSubject()).isEqualTo(PARTNER_NAME + " solicita ser el revendedor de Microsoft de "
        + companyName(prefix) + " [Ref: " + sent.replyReference() + "]");
    assertThat(mail.getReplyTo()).extracting(a -> ((InternetAddress) a).getAddress()).containsExactly(REPLY_MAILBOX);
    assertThat(mail.getAllRecipients()).extracting(a -> ((InternetAddress) a).getPersonal()).containsExactly("Lucía García");
    String token = token(mail);
    assertThat(token).matches("[A-Za-z0-9_-]{43}");
    assertThat(text(mail))
        .contains("Hola, Lucía García:")
        .contains(PARTNER_NAME + " solicita ser el revendedor de " + companyName(prefix) + " (" + prefix
            + ".onmicrosoft.com).")
        .contains("Nos gustaría ser su revendedor de Microsoft.")
        .contains("http://localhost:8080/invitation/" + token)
        .contains("La invitación es válida hasta el 3 de abril de 2026.")
        .contains("ACEPTO o RECHAZO")
        .doesNotContain("administración delegada");
    assertThat(registry.findByToken(token).map(Invitation::id)).contains(invitationId);
    assertThat(driver.liveTokens(invitationId)).isEqualTo(1);
  }

  @Test
  void invalidRequestWaitsInEditInvitationNamingTheFieldsAndIsSentOnceCorrected() throws Exception {
    VariableMap request = spanishRequest(prefix);
    ADMIN_EMAIL.putIn(request, "lucia.garcia@");
    LANGUAGE.putIn(request, "de");

    ProcessInstance pi = driver.start(request);

    assertThat(pi).isWaitingAt(Ids.EDIT_INVITATION).hasPassed(Ids.VALIDATE_INVITATION)
        .hasNotPassed(Ids.REGISTER_INVITATION);
    assertThat(brokenRules(INVITATION_ERRORS, driver.vars(pi)))
        .containsExactly("adminEmail/email-format", "language/language-not-supported");
    assertThat(driver.invitationsFor(prefix)).isZero();
    assertThat(INVITATION_ID.from(driver.vars(pi))).isNull();

    ADMIN_EMAIL.putIn(request, email);
    LANGUAGE.putIn(request, "es");
    driver.editInvitation(pi, request, Decisions.INVITATION_SEND);

    assertThat(pi).isWaitingAt(Ids.SEND_INVITATION).hasPassed(Ids.GATEWAY_EDIT_DECISION, Ids.REGISTER_INVITATION)
        .hasNotPassed(Ids.END_INVITATION_CANCELLED);
    assertThat(INVITATION_ERRORS.from(driver.vars(pi))).isEmpty();

    driver.executeJob(pi, Ids.SEND_INVITATION);

    assertThat(pi).isWaitingAt(Ids.AWAIT_ANSWER);
    assertThat(driver.invitationsFor(prefix)).isEqualTo(1);
    Invitation invitation = registry.find(driver.invitationId(pi)).orElseThrow();
    assertThat(invitation.adminEmail()).isEqualTo(email);
    assertThat(invitation.language()).isEqualTo("es");
    assertThat(invitation.status()).isEqualTo(InvitationStatus.PENDING);
    assertThat(driver.onlyMailTo(email).getSubject()).startsWith(PARTNER_NAME + " solicita ser el revendedor");
  }

  @Test
  void cancellingInEditInvitationEndsWithoutRegisteringOrMailingAnything() throws Exception {
    VariableMap request = spanishRequest(prefix);
    COMPANY_NAME.putIn(request, " ");
    ProcessInstance pi = driver.start(request);
    assertThat(pi).isWaitingAt(Ids.EDIT_INVITATION);
    assertThat(brokenRules(INVITATION_ERRORS, driver.vars(pi))).containsExactly("companyName/required");

    driver.editInvitation(pi, request, Decisions.INVITATION_CANCEL);

    assertThat(pi).isEnded().hasPassed(Ids.GATEWAY_EDIT_DECISION, Ids.END_INVITATION_CANCELLED)
        .hasNotPassed(Ids.REGISTER_INVITATION, Ids.SEND_INVITATION);
    assertThat(driver.invitationsFor(prefix)).isZero();
    assertThat(driver.mailsTo(email)).isEmpty();
  }

  @Test
  void requestForACustomerThatIsAlreadyOurResellerIsRefusedAsRelationshipExists() throws Exception {
    insertCustomer(prefix, Relationship.RESELLER);
    VariableMap request = spanishRequest(prefix.toUpperCase()); // the prefix is compared in any case

    ProcessInstance pi = driver.start(request);

    assertThat(pi).isWaitingAt(Ids.EDIT_INVITATION).hasNotPassed(Ids.REGISTER_INVITATION);
    assertThat(brokenRules(INVITATION_ERRORS, driver.vars(pi))).containsExactly("domainPrefix/relationship-exists");
    assertThat(driver.invitationsFor(prefix)).isZero();
    assertThat(driver.mailsTo(email)).isEmpty();
  }

  // --- accepted -------------------------------------------------------------------------------

  @Test
  void acceptingByLinkMakesAnUnknownCustomerOurResellerRecordsTheAgreementAndTellsOperations() throws Exception {
    ProcessInstance pi = driver.startAndSend(spanishRequest(prefix));
    String invitationId = driver.invitationId(pi);
    String token = token(driver.onlyMailTo(email));
    Instant answeredAt = travelTo(Duration.ofHours(2));

    AnswerOutcome outcome = answers.answerByToken(token,
        new Answer(AnswerType.ACCEPT, AnswerChannel.LINK, "Lucía García", email, null, true));

    assertThat(outcome).isEqualTo(AnswerOutcome.ACCEPTED);
    assertThat(pi).isWaitingAt(Ids.NOTIFY_OPERATIONS).hasPassed(Ids.GATEWAY_ANSWER, Ids.RECORD_RELATIONSHIP)
        .hasNotPassed(Ids.FOLLOW_UP);
    Map<String, Object> vars = driver.vars(pi);
    assertThat(ANSWER.from(vars)).isEqualTo(Decisions.ANSWER_ACCEPTED);
    assertThat(ANSWER_CHANNEL.from(vars)).isEqualTo("LINK");
    assertThat(AGREEMENT_ACCEPTED_BY_CUSTOMER.from(vars)).isTrue();
    String customerId = RELATIONSHIP_CUSTOMER_ID.from(vars);
    assertThat(customers.findIdByDomainPrefix(prefix)).contains(customerId);
    assertThat(customers.find(customerId)).contains(new CustomerRecord(customerId, companyName(prefix), prefix, null,
        null, null, null, null, null, "es-ES", "es", null, Relationship.RESELLER, null,
        null, null, email, answeredAt, 0));
    assertThat(driver.relationshipOf(customerId)).isEqualTo("RESELLER/false");
    assertThat(relationships.history(customerId)).containsExactly(
        new RelationshipEvent("RESELLER", false, answeredAt, email, RelationshipService.SOURCE_INVITATION, invitationId));
    // The global admin who accepted is the contact of a customer we did not know
    assertThat(customers.primaryContact(customerId))
        .contains(new ContactRecord(CustomerRegistry.PRIMARY_CONTACT, "Lucía", "García", email, null));
    assertThat(customers.attestations(customerId)).containsExactly(new AgreementAttestation(AGREEMENT_TYPE,
        AGREEMENT_TEMPLATE_ID, TODAY, "Lucía", "García", email, null, email, answeredAt));
    Invitation accepted = registry.find(invitationId).orElseThrow();
    assertThat(accepted.status()).isEqualTo(InvitationStatus.ACCEPTED);
    assertThat(accepted.answeredAt()).isEqualTo(answeredAt);
    assertThat(accepted.answerChannel()).isEqualTo(AnswerChannel.LINK);
    assertThat(accepted.answeredByName()).isEqualTo("Lucía García");
    assertThat(accepted.answeredByEmail()).isEqualTo(email);
    assertThat(accepted.customerId()).isEqualTo(customerId);
    // The reminder and expiry timers died with the wait
    assertThat(driver.jobActivities(pi)).containsExactly(Ids.NOTIFY_OPERATIONS);
    assertThat(driver.operationsMailsAbout(companyName(prefix))).isEmpty();

    driver.executeJob(pi, Ids.NOTIFY_OPERATIONS);

    assertThat(pi).isEnded().hasPassed(Ids.END_RELATIONSHIP_ESTABLISHED)
        .hasNotPassed(Ids.EXPIRE_INVITATION, Ids.CLOSE_INVITATION, Ids.SEND_FIRST_REMINDER);
    List<MimeMessage> notices = driver.operationsMailsAbout(companyName(prefix));
    assertThat(notices).hasSize(1);
    assertThat(notices.get(0).getSubject()).isEqualTo("Reseller relationship established: " + companyName(prefix)
        + " (" + prefix + ".onmicrosoft.com)");
    assertThat(text(notices.get(0)))
        .contains("Accepted by: Lucía García <" + email + ">")
        .contains("Accepted at: 2026-03-04 11:30 UTC")
        .contains("Answered via: acceptance link")
        .contains("Delegated admin privileges: No")
        .contains("Customer ID: " + customerId)
        .contains("Invitation ID: " + invitationId);
    assertThat(driver.mailsTo(email)).hasSize(1); // the admin got the invitation only
  }

  @Test
  void acceptingByLinkMakesTheKnownFabrikamOurResellerWithDelegatedAdminButNoAttestationWhenNotAsked()
      throws Exception {
    String dana = "dana.birkby@fabrikam.example";
    VariableMap request = spanishRequest(FABRIKAM_PREFIX);
    COMPANY_NAME.putIn(request, "Fabrikam, Inc.");
    ADMIN_FIRST_NAME.putIn(request, "Dana");
    ADMIN_LAST_NAME.putIn(request, "Birkby");
    ADMIN_EMAIL.putIn(request, dana);
    CULTURE.putIn(request, "en-US");
    LANGUAGE.putIn(request, "en");
    INCLUDE_DELEGATED_ADMIN.putIn(request, true);
    assertThat(customers.find(FABRIKAM_CUSTOMER_ID).map(CustomerRecord::relationship)).contains(Relationship.NONE);

    ProcessInstance pi = driver.startAndSend(request);

    assertThat(pi).isWaitingAt(Ids.AWAIT_ANSWER);
    assertThat(CUSTOMER_ID.from(driver.vars(pi))).isEqualTo(FABRIKAM_CUSTOMER_ID);
    String invitationId = driver.invitationId(pi);
    assertThat(registry.find(invitationId).map(Invitation::customerId)).contains(FABRIKAM_CUSTOMER_ID);
    MimeMessage mail = driver.onlyMailTo(dana);
    assertThat(mail.getSubject()).startsWith(PARTNER_NAME + " asks to become the Microsoft reseller for Fabrikam, Inc. [Ref: ");
    assertThat(text(mail)).contains("Hello Dana Birkby,")
        .contains("Delegated administration privileges: " + PARTNER_NAME + " can administer your Microsoft 365 tenant");

    AnswerOutcome outcome = answers.answerByToken(token(mail),
        new Answer(AnswerType.ACCEPT, AnswerChannel.LINK, "Dana Birkby", dana, null, null));

    assertThat(outcome).isEqualTo(AnswerOutcome.ACCEPTED);
    assertThat(pi).isWaitingAt(Ids.NOTIFY_OPERATIONS).hasPassed(Ids.RECORD_RELATIONSHIP);
    assertThat(RELATIONSHIP_CUSTOMER_ID.from(driver.vars(pi))).isEqualTo(FABRIKAM_CUSTOMER_ID);
    assertThat(jdbc.sql("select id from customer where domain_prefix = 'fabrikam'").query(String.class).list())
        .containsExactly(FABRIKAM_CUSTOMER_ID);
    CustomerRecord fabrikam = customers.find(FABRIKAM_CUSTOMER_ID).orElseThrow();
    assertThat(fabrikam.relationship()).isEqualTo(Relationship.RESELLER);
    assertThat(fabrikam.version()).isEqualTo(1);
    assertThat(fabrikam.companyName()).isEqualTo("Fabrikam, Inc.");
    assertThat(fabrikam.createdBy()).isEqualTo("seed");
    assertThat(driver.relationshipOf(FABRIKAM_CUSTOMER_ID)).isEqualTo("RESELLER/true");
    assertThat(relationships.history(FABRIKAM_CUSTOMER_ID)).extracting(RelationshipEvent::source)
        .containsExactly(RelationshipService.SOURCE_EXISTING_TENANT, RelationshipService.SOURCE_INVITATION);
    assertThat(relationships.history(FABRIKAM_CUSTOMER_ID)).last().isEqualTo(
        new RelationshipEvent("RESELLER", true, NOW, dana, RelationshipService.SOURCE_INVITATION, invitationId));
    assertThat(customers.primaryContact(FABRIKAM_CUSTOMER_ID)).hasValueSatisfying(c -> assertThat(c.phone())
        .as("its own contact, kept").isEqualTo("+1 716 555 0100"));
    assertThat(customers.attestations(FABRIKAM_CUSTOMER_ID)).isEmpty();

    driver.executeJob(pi, Ids.NOTIFY_OPERATIONS);

    assertThat(pi).isEnded().hasPassed(Ids.END_RELATIONSHIP_ESTABLISHED);
    List<MimeMessage> notices = driver.operationsMailsAbout("Fabrikam, Inc.");
    assertThat(notices).hasSize(1);
    assertThat(text(notices.get(0)))
        .contains("Delegated admin privileges: Yes")
        .contains("Customer ID: " + FABRIKAM_CUSTOMER_ID)
        .contains("Accepted by: Dana Birkby <" + dana + ">");
  }

  @Test
  void editingTheDomainOfARequestForAKnownCustomerInvitesTheNewDomainNotTheOldCustomer() throws Exception {
    // As the onboarding hands it over: for a known customer, in a language invitations are not written in
    String oldPrefix = uniqueDomainPrefix("tailspin");
    String oldCustomerId = insertCustomer(oldPrefix, Relationship.NONE);
    VariableMap handedOver = spanishRequest(oldPrefix);
    CUSTOMER_ID.putIn(handedOver, oldCustomerId);
    LANGUAGE.putIn(handedOver, "de");
    ProcessInstance pi = driver.start(handedOver);
    assertThat(brokenRules(INVITATION_ERRORS, driver.vars(pi))).containsExactly("language/language-not-supported");

    // The operator sees it is the wrong tenant and invites another domain instead
    driver.editInvitation(pi, spanishRequest(prefix), Decisions.INVITATION_SEND);
    driver.executeJob(pi, Ids.SEND_INVITATION);

    assertThat(pi).isWaitingAt(Ids.AWAIT_ANSWER);
    Invitation invitation = registry.find(driver.invitationId(pi)).orElseThrow();
    assertThat(invitation.domainPrefix()).isEqualTo(prefix);
    assertThat(invitation.customerId()).as("customer of the invited domain (none yet)").isNull();

    answers.answerByToken(token(driver.onlyMailTo(email)),
        new Answer(AnswerType.ACCEPT, AnswerChannel.LINK, "Lucía García", email, null, null));

    String newCustomerId = customers.findIdByDomainPrefix(prefix).orElseThrow();
    assertThat(RELATIONSHIP_CUSTOMER_ID.from(driver.vars(pi))).isEqualTo(newCustomerId);
    assertThat(driver.relationshipOf(newCustomerId)).isEqualTo("RESELLER/false");
    assertThat(driver.relationshipOf(oldCustomerId)).isEqualTo("NONE/false");
    assertThat(relationships.history(oldCustomerId)).isEmpty();
  }

  // --- declined and follow-up -----------------------------------------------------------------

  @Test
  void decliningByLinkWithAReasonAsksForAFollowUpAndClosingEndsTheInvitation() throws Exception {
    ProcessInstance pi = driver.startAndSend(spanishRequest(prefix));
    String invitationId = driver.invitationId(pi);
    String token = token(driver.onlyMailTo(email));
    Instant answeredAt = travelTo(Duration.ofDays(1));

    AnswerOutcome outcome = answers.answerByToken(token,
        new Answer(AnswerType.DECLINE, AnswerChannel.LINK, "Lucía García", email, "Ya tenemos un proveedor.", null));

    assertThat(outcome).isEqualTo(AnswerOutcome.DECLINED);
    assertThat(pi).isWaitingAt(Ids.FOLLOW_UP).hasPassed(Ids.GATEWAY_ANSWER).hasNotPassed(Ids.RECORD_RELATIONSHIP);
    Map<String, Object> vars = driver.vars(pi);
    assertThat(ANSWER.from(vars)).isEqualTo(Decisions.ANSWER_DECLINED);
    assertThat(DECLINE_REASON.from(vars)).isEqualTo("Ya tenemos un proveedor.");
    assertThat(ANSWERED_BY_NAME.from(vars)).isEqualTo("Lucía García");
    Invitation declined = registry.find(invitationId).orElseThrow();
    assertThat(declined.status()).isEqualTo(InvitationStatus.DECLINED);
    assertThat(declined.declineReason()).isEqualTo("Ya tenemos un proveedor.");
    assertThat(declined.answeredAt()).isEqualTo(answeredAt);
    assertThat(declined.answerChannel()).isEqualTo(AnswerChannel.LINK);
    assertThat(driver.jobActivities(pi)).isEmpty();
    assertThat(driver.task(pi, Ids.FOLLOW_UP).getAssignee()).isNull();

    driver.closeInvitation(pi);

    assertThat(pi).isEnded().hasPassed(Ids.GATEWAY_FOLLOW_UP_DECISION, Ids.CLOSE_INVITATION, Ids.END_INVITATION_CLOSED)
        .hasNotPassed(Ids.RECORD_RELATIONSHIP);
    Invitation closed = registry.find(invitationId).orElseThrow();
    assertThat(closed.status()).isEqualTo(InvitationStatus.CLOSED);
    assertThat(closed.declineReason()).isEqualTo("Ya tenemos un proveedor.");
    assertThat(customers.findIdByDomainPrefix(prefix)).isEmpty();
    assertThat(driver.relationshipEventsFor(invitationId)).isZero();
    // Its link no longer answers; a late click learns that the invitation is over
    assertThat(answers.answerByToken(token, new Answer(AnswerType.ACCEPT, AnswerChannel.LINK, null, email, null, null)))
        .isEqualTo(AnswerOutcome.EXPIRED);
    assertThat(answers.answerByInvitationId(invitationId,
        new Answer(AnswerType.ACCEPT, AnswerChannel.EMAIL, null, email, null, null))).isEqualTo(AnswerOutcome.EXPIRED);
    assertThat(registry.find(invitationId).map(Invitation::status)).contains(InvitationStatus.CLOSED);
    assertThat(driver.mailsTo(email)).hasSize(1);
    assertThat(driver.operationsMailsAbout(companyName(prefix))).isEmpty();
  }

  @Test
  void resendAfterADeclineMailsANewLinkAndTheOldLinkNoLongerAnswers() throws Exception {
    ProcessInstance pi = driver.startAndSend(spanishRequest(prefix));
    String invitationId = driver.invitationId(pi);
    String oldToken = token(driver.onlyMailTo(email));
    answers.answerByToken(oldToken,
        new Answer(AnswerType.DECLINE, AnswerChannel.LINK, "Lucía García", email, "Ahora no.", null));
    assertThat(pi).isWaitingAt(Ids.FOLLOW_UP);
    Instant resentAt = travelTo(Duration.ofDays(2));

    driver.followUp(pi, Decisions.FOLLOW_UP_RESEND, "Hemos mejorado nuestra oferta.");

    assertThat(pi).isWaitingAt(Ids.SEND_INVITATION).hasPassed(Ids.GATEWAY_FOLLOW_UP_DECISION)
        .hasNotPassed(Ids.CLOSE_INVITATION);

    driver.executeJob(pi, Ids.SEND_INVITATION);

    assertThat(pi).isWaitingAt(Ids.AWAIT_ANSWER);
    Map<String, Object> vars = driver.vars(pi);
    assertThat(ANSWER.from(vars)).isNull();
    assertThat(DECLINE_REASON.from(vars)).isNull();
    assertThat(FOLLOW_UP_DECISION.from(vars)).isNull();
    Invitation resent = registry.find(invitationId).orElseThrow();
    assertThat(resent.status()).isEqualTo(InvitationStatus.PENDING);
    assertThat(resent.sendCount()).isEqualTo(2);
    assertThat(resent.expiresAt()).isEqualTo(resentAt.plus(Duration.ofDays(30)));
    assertThat(resent.answeredAt()).isNull();
    assertThat(resent.answerChannel()).isNull();
    assertThat(resent.declineReason()).isNull();
    assertThat(resent.personalMessage()).isEqualTo("Hemos mejorado nuestra oferta.");
    assertThat(timerDueDates(pi)).isEqualTo(Map.of(
        Ids.TIMER_FIRST_REMINDER, resentAt.plus(Duration.ofDays(3)),
        Ids.TIMER_SECOND_REMINDER, resentAt.plus(Duration.ofDays(7)),
        Ids.TIMER_EXPIRY, resentAt.plus(Duration.ofDays(30))));

    List<MimeMessage> mails = driver.mailsTo(email);
    assertThat(mails).hasSize(2);
    assertThat(mails.get(1).getSubject()).isEqualTo(mails.get(0).getSubject());
    String newToken = token(mails.get(1));
    assertThat(newToken).isNotEqualTo(oldToken);
    assertThat(text(mails.get(1))).contains("Hemos mejorado nuestra oferta.")
        .contains("La invitación es válida hasta el 5 de abril de 2026.")
        .doesNotContain(oldToken);
    assertThat(driver.tokens(invitationId)).isEqualTo(2);
    assertThat(driver.liveTokens(invitationId)).isEqualTo(1);

    List<Map<String, Object>> before = driver.registrySnapshot();
    assertThat(answers.answerByToken(oldToken,
        new Answer(AnswerType.ACCEPT, AnswerChannel.LINK, "Lucía García", email, null, null)))
        .isEqualTo(AnswerOutcome.UNKNOWN);
    assertThat(driver.registrySnapshot()).isEqualTo(before);
    assertThat(pi).isWaitingAt(Ids.AWAIT_ANSWER);

    assertThat(answers.answerByToken(newToken,
        new Answer(AnswerType.ACCEPT, AnswerChannel.LINK, "Lucía García", email, null, null)))
        .isEqualTo(AnswerOutcome.ACCEPTED);
    assertThat(pi).isWaitingAt(Ids.NOTIFY_OPERATIONS);
    assertThat(driver.relationshipEventsFor(invitationId)).isEqualTo(1);
    assertThat(registry.find(invitationId).map(Invitation::status)).contains(InvitationStatus.ACCEPTED);
  }

  // --- waits: reminders and expiry ------------------------------------------------------------

  @Test
  void remindersGoOutAfter3And7DaysWithWorkingLinksAndAfter30DaysTheInvitationExpires() throws Exception {
    ProcessInstance pi = driver.startAndSend(spanishRequest(prefix));
    String invitationId = driver.invitationId(pi);
    String reference = registry.find(invitationId).orElseThrow().replyReference();
    String originalToken = token(driver.onlyMailTo(email));

    travelTo(Duration.ofDays(3).minusMinutes(1));
    assertThat(driver.dueJobActivities(pi)).isEmpty();

    travelTo(Duration.ofDays(3));
    driver.fireTimerAndRunSendJob(pi, Ids.TIMER_FIRST_REMINDER, Ids.SEND_FIRST_REMINDER);

    assertThat(pi).isWaitingAt(Ids.AWAIT_ANSWER).hasPassed(Ids.SEND_FIRST_REMINDER, Ids.END_FIRST_REMINDER_SENT)
        .hasNotPassed(Ids.SEND_SECOND_REMINDER);
    List<MimeMessage> mails = driver.mailsTo(email);
    assertThat(mails).hasSize(2);
    MimeMessage firstReminder = mails.get(1);
    assertThat(firstReminder.getSubject()).isEqualTo("Recordatorio: " + PARTNER_NAME
        + " solicita ser el revendedor de Microsoft de " + companyName(prefix) + " [Ref: " + reference + "]");
    assertThat(firstReminder.getReplyTo()).extracting(a -> ((InternetAddress) a).getAddress())
        .containsExactly(REPLY_MAILBOX);
    assertThat(text(firstReminder))
        .contains("Hola, Lucía García:")
        .contains(PARTNER_NAME + " sigue esperando su respuesta a la solicitud de ser el revendedor de "
            + companyName(prefix) + " (" + prefix + ".onmicrosoft.com).")
        .contains("La invitación es válida hasta el 3 de abril de 2026.");
    String firstReminderToken = token(firstReminder);
    assertThat(firstReminderToken).isNotEqualTo(originalToken);
    assertOpenForAnswer(originalToken, firstReminderToken);
    Invitation reminded = registry.find(invitationId).orElseThrow();
    assertThat(reminded.expiresAt()).isEqualTo(EXPIRES);
    assertThat(reminded.sendCount()).isEqualTo(1);

    travelTo(Duration.ofDays(7).minusMinutes(1));
    assertThat(driver.dueJobActivities(pi)).isEmpty();
    travelTo(Duration.ofDays(7));
    driver.fireTimerAndRunSendJob(pi, Ids.TIMER_SECOND_REMINDER, Ids.SEND_SECOND_REMINDER);

    assertThat(pi).isWaitingAt(Ids.AWAIT_ANSWER).hasPassed(Ids.END_SECOND_REMINDER_SENT);
    mails = driver.mailsTo(email);
    assertThat(mails).hasSize(3);
    assertThat(mails.get(2).getSubject()).startsWith("Recordatorio: ");
    String secondReminderToken = token(mails.get(2));
    assertThat(List.of(originalToken, firstReminderToken)).doesNotContain(secondReminderToken);
    assertOpenForAnswer(originalToken, firstReminderToken, secondReminderToken);
    assertThat(driver.liveTokens(invitationId)).isEqualTo(3);

    // No third reminder: by day 29 only the expiry is left, and it is not due
    travelTo(Duration.ofDays(29));
    assertThat(driver.jobActivities(pi)).containsExactly(Ids.TIMER_EXPIRY);
    assertThat(driver.dueJobActivities(pi)).isEmpty();
    assertThat(driver.mailsTo(email)).hasSize(3)
        .filteredOn(mail -> subject(mail).startsWith("Recordatorio: ")).hasSize(2);
    assertOpenForAnswer(originalToken, firstReminderToken, secondReminderToken);

    travelTo(Duration.ofDays(30));
    assertThat(driver.dueJobActivities(pi)).containsExactly(Ids.TIMER_EXPIRY);
    driver.executeJob(pi, Ids.TIMER_EXPIRY);

    assertThat(pi).isWaitingAt(Ids.FOLLOW_UP).hasPassed(Ids.EXPIRE_INVITATION).hasNotPassed(Ids.GATEWAY_ANSWER);
    assertThat(ANSWER.from(driver.vars(pi))).isNull();
    assertThat(registry.find(invitationId).map(Invitation::status)).contains(InvitationStatus.EXPIRED);
    assertThat(driver.jobActivities(pi)).isEmpty();

    List<Map<String, Object>> before = driver.registrySnapshot();
    for (String token : List.of(originalToken, firstReminderToken, secondReminderToken)) {
      assertThat(answers.answerByToken(token,
          new Answer(AnswerType.ACCEPT, AnswerChannel.LINK, "Lucía García", email, null, null)))
          .as("answer with a link of an expired invitation").isEqualTo(AnswerOutcome.EXPIRED);
    }
    assertThat(answers.answerByInvitationId(invitationId,
        new Answer(AnswerType.ACCEPT, AnswerChannel.EMAIL, null, email, null, null))).isEqualTo(AnswerOutcome.EXPIRED);
    assertThat(driver.registrySnapshot()).isEqualTo(before);
    assertThat(pi).isWaitingAt(Ids.FOLLOW_UP);
    assertThat(driver.mailsTo(email)).hasSize(3);
  }

  @Test
  void acceptingWithTheFirstReminderLinkEstablishesTheRelationshipAndStopsFurtherReminders() throws Exception {
    ProcessInstance pi = driver.startAndSend(spanishRequest(prefix));
    String invitationId = driver.invitationId(pi);
    travelTo(Duration.ofDays(3));
    driver.fireTimerAndRunSendJob(pi, Ids.TIMER_FIRST_REMINDER, Ids.SEND_FIRST_REMINDER);
    String reminderToken = token(driver.mailsTo(email).get(1));
    travelTo(Duration.ofDays(4));

    assertThat(answers.answerByToken(reminderToken,
        new Answer(AnswerType.ACCEPT, AnswerChannel.LINK, "Lucía García", email, null, null)))
        .isEqualTo(AnswerOutcome.ACCEPTED);

    assertThat(pi).isWaitingAt(Ids.NOTIFY_OPERATIONS);
    assertThat(driver.jobActivities(pi)).containsExactly(Ids.NOTIFY_OPERATIONS);
    travelTo(Duration.ofDays(8));
    driver.executeJob(pi, Ids.NOTIFY_OPERATIONS);
    assertThat(pi).isEnded().hasPassed(Ids.END_RELATIONSHIP_ESTABLISHED).hasNotPassed(Ids.SEND_SECOND_REMINDER);
    assertThat(driver.mailsTo(email)).hasSize(2);
    assertThat(driver.relationshipEventsFor(invitationId)).isEqualTo(1);
  }

  @Test
  void resendAfterExpiryReopensTheInvitationForAnother30Days() throws Exception {
    ProcessInstance pi = driver.startAndSend(spanishRequest(prefix));
    String invitationId = driver.invitationId(pi);
    travelTo(Duration.ofDays(30));
    driver.executeJob(pi, Ids.TIMER_EXPIRY);
    assertThat(pi).isWaitingAt(Ids.FOLLOW_UP);
    Instant resentAt = travelTo(Duration.ofDays(31));

    driver.followUp(pi, Decisions.FOLLOW_UP_RESEND, "¿Sigue interesado?");
    driver.executeJob(pi, Ids.SEND_INVITATION);

    assertThat(pi).isWaitingAt(Ids.AWAIT_ANSWER);
    Invitation reopened = registry.find(invitationId).orElseThrow();
    assertThat(reopened.status()).isEqualTo(InvitationStatus.PENDING);
    assertThat(reopened.expiresAt()).isEqualTo(resentAt.plus(Duration.ofDays(30)));
    assertThat(reopened.sendCount()).isEqualTo(2);
    List<MimeMessage> mails = driver.mailsTo(email);
    assertThat(mails).hasSize(2);
    assertThat(answers.answerByToken(token(mails.get(1)),
        new Answer(AnswerType.DECLINE, AnswerChannel.LINK, "Lucía García", email, null, null)))
        .isEqualTo(AnswerOutcome.DECLINED);
    assertThat(pi).isWaitingAt(Ids.FOLLOW_UP);
    assertThat(ANSWER.from(driver.vars(pi))).isEqualTo(Decisions.ANSWER_DECLINED);
  }

  // --- correlation ----------------------------------------------------------------------------

  @Test
  void answeringOneOfThreeInvitationsMovesOnlyThatInvitation() throws Exception {
    List<String> prefixes = List.of(prefix + "a", prefix + "b", prefix + "c");
    List<ProcessInstance> instances = new ArrayList<>();
    List<String> tokens = new ArrayList<>();
    for (String p : prefixes) {
      instances.add(driver.startAndSend(spanishRequest(p)));
      tokens.add(token(driver.onlyMailTo(adminEmail(p))));
    }

    assertThat(answers.answerByToken(tokens.get(1),
        new Answer(AnswerType.ACCEPT, AnswerChannel.LINK, "Lucía García", adminEmail(prefixes.get(1)), null, null)))
        .isEqualTo(AnswerOutcome.ACCEPTED);

    assertThat(instances.get(1)).isWaitingAt(Ids.NOTIFY_OPERATIONS);
    assertThat(registry.find(driver.invitationId(instances.get(1))).map(Invitation::status))
        .contains(InvitationStatus.ACCEPTED);
    assertThat(customers.findIdByDomainPrefix(prefixes.get(1))).isPresent();
    for (int i : new int[] {0, 2}) {
      assertThat(instances.get(i)).isWaitingAt(Ids.AWAIT_ANSWER);
      assertThat(registry.find(driver.invitationId(instances.get(i))).map(Invitation::status))
          .contains(InvitationStatus.PENDING);
      assertThat(customers.findIdByDomainPrefix(prefixes.get(i))).isEmpty();
      assertThat(ANSWER.from(driver.vars(instances.get(i)))).isNull();
    }
  }

  @Test
  void unknownForgedUsedAndExpiredTokensMoveNoInstanceAndChangeNothing() throws Exception {
    // Sent 31 days ago: expired, though its expiry timer has not run yet
    setClock(NOW.minus(Duration.ofDays(31)));
    String expiredPrefix = prefix + "x";
    ProcessInstance expired = driver.startAndSend(spanishRequest(expiredPrefix));
    String expiredToken = token(driver.onlyMailTo(adminEmail(expiredPrefix)));
    fixEngineClock();
    String usedPrefix = prefix + "u";
    ProcessInstance used = driver.startAndSend(spanishRequest(usedPrefix));
    String usedToken = token(driver.onlyMailTo(adminEmail(usedPrefix)));
    assertThat(answers.answerByToken(usedToken,
        new Answer(AnswerType.ACCEPT, AnswerChannel.LINK, "Lucía García", adminEmail(usedPrefix), null, null)))
        .isEqualTo(AnswerOutcome.ACCEPTED);
    ProcessInstance open = driver.startAndSend(spanishRequest(prefix));
    List<ProcessInstance> all = List.of(expired, used, open);
    Map<String, List<String>> activitiesBefore = activeActivities(all);
    List<Map<String, Object>> registryBefore = driver.registrySnapshot();
    Answer accept = new Answer(AnswerType.ACCEPT, AnswerChannel.LINK, "Mallory", "mallory@example.com", null, true);

    assertThat(answers.answerByToken("no-such-token", accept)).isEqualTo(AnswerOutcome.UNKNOWN);
    assertThat(answers.answerByToken(InvitationTokens.newToken(), accept)).isEqualTo(AnswerOutcome.UNKNOWN);
    assertThat(answers.answerByToken(null, accept)).isEqualTo(AnswerOutcome.UNKNOWN);
    assertThat(answers.answerByToken("", accept)).isEqualTo(AnswerOutcome.UNKNOWN);
    assertThat(answers.answerByToken(usedToken, accept)).isEqualTo(AnswerOutcome.ALREADY_ANSWERED);
    assertThat(answers.answerByToken(usedToken,
        new Answer(AnswerType.DECLINE, AnswerChannel.LINK, "Lucía García", adminEmail(usedPrefix), "No", null)))
        .isEqualTo(AnswerOutcome.ALREADY_ANSWERED);
    assertThat(answers.answerByToken(expiredToken, accept)).isEqualTo(AnswerOutcome.EXPIRED);

    assertThat(driver.registrySnapshot()).isEqualTo(registryBefore);
    assertThat(activeActivities(all)).isEqualTo(activitiesBefore);
    assertThat(expired).isWaitingAt(Ids.AWAIT_ANSWER);
    assertThat(used).isWaitingAt(Ids.NOTIFY_OPERATIONS);
    assertThat(open).isWaitingAt(Ids.AWAIT_ANSWER);
    assertThat(driver.relationshipEventsFor(driver.invitationId(used))).isEqualTo(1);
  }

  @Test
  void anAnswerCorrelatedThroughTheEngineApiMakesNoResellerWhileTheInvitationIsPending() throws Exception {
    ProcessInstance pi = driver.startAndSend(spanishRequest(prefix));
    List<Map<String, Object>> registryBefore = driver.registrySnapshot();
    VariableMap forged = Variables.createVariables();
    ANSWER.putIn(forged, Decisions.ANSWER_ACCEPTED);
    ANSWER_CHANNEL.putIn(forged, "LINK");
    ANSWERED_BY_EMAIL.putIn(forged, "mallory@example.com");
    AGREEMENT_ACCEPTED_BY_CUSTOMER.putIn(forged, true);

    // As POST /engine-rest/message would: the registry never heard of an answer
    assertThatThrownBy(() -> runtimeService.createMessageCorrelation(MESSAGE_INVITATION_ANSWERED)
        .processInstanceId(pi.getId()).setVariables(forged).correlateWithResult())
        .hasMessageContaining("not ACCEPTED");

    assertThat(pi).isWaitingAt(Ids.AWAIT_ANSWER);
    assertThat(driver.registrySnapshot()).isEqualTo(registryBefore);
    assertThat(customers.findIdByDomainPrefix(prefix)).isEmpty();
    assertThat(driver.relationshipEventsFor(driver.invitationId(pi))).isZero();
  }

  // --- races: link and reply ------------------------------------------------------------------

  @Test
  void linkThenReplyOrReplyThenLinkCountsOnlyTheFirstAnswer() throws Exception {
    // Link first
    ProcessInstance linkFirst = driver.startAndSend(spanishRequest(prefix));
    String linkFirstId = driver.invitationId(linkFirst);
    Invitation asMatched = registry.find(linkFirstId).orElseThrow(); // read before the click, as the poller would
    String token = token(driver.onlyMailTo(email));

    assertThat(answers.answerByToken(token,
        new Answer(AnswerType.ACCEPT, AnswerChannel.LINK, "Lucía García", email, null, null)))
        .isEqualTo(AnswerOutcome.ACCEPTED);
    assertThat(replyRouter.handle(acceptReply(asMatched))).isEqualTo(AnswerOutcome.ALREADY_ANSWERED.name());

    assertThat(linkFirst).isWaitingAt(Ids.NOTIFY_OPERATIONS);
    assertThat(registry.find(linkFirstId).map(Invitation::answerChannel)).contains(AnswerChannel.LINK);
    assertThat(driver.relationshipEventsFor(linkFirstId)).isEqualTo(1);
    assertThat(triageInstancesFor(linkFirstId)).isZero();

    // Reply first
    String otherPrefix = prefix + "r";
    ProcessInstance replyFirst = driver.startAndSend(spanishRequest(otherPrefix));
    String replyFirstId = driver.invitationId(replyFirst);
    String otherToken = token(driver.onlyMailTo(adminEmail(otherPrefix)));

    assertThat(replyRouter.handle(acceptReply(registry.find(replyFirstId).orElseThrow())))
        .isEqualTo(AnswerOutcome.ACCEPTED.name());
    assertThat(answers.answerByToken(otherToken,
        new Answer(AnswerType.ACCEPT, AnswerChannel.LINK, "Lucía García", adminEmail(otherPrefix), null, true)))
        .isEqualTo(AnswerOutcome.ALREADY_ANSWERED);

    assertThat(replyFirst).isWaitingAt(Ids.NOTIFY_OPERATIONS);
    Invitation byReply = registry.find(replyFirstId).orElseThrow();
    assertThat(byReply.answerChannel()).isEqualTo(AnswerChannel.EMAIL);
    assertThat(byReply.answeredByEmail()).isEqualTo(adminEmail(otherPrefix));
    assertThat(ANSWER_CHANNEL.from(driver.vars(replyFirst))).isEqualTo("EMAIL");
    assertThat(driver.relationshipEventsFor(replyFirstId)).isEqualTo(1);
    String customerId = customers.findIdByDomainPrefix(otherPrefix).orElseThrow();
    assertThat(customers.attestations(customerId)).as("the later link's agreement counts for nothing").isEmpty();
  }

  @Test
  void linkAndReplyAcceptingAtTheSameMomentEstablishTheRelationshipOnce() throws Exception {
    for (int round = 0; round < 5; round++) {
      String p = prefix + "n" + round;
      String admin = adminEmail(p);
      ProcessInstance pi = driver.startAndSend(spanishRequest(p));
      String invitationId = driver.invitationId(pi);
      Invitation asMatched = registry.find(invitationId).orElseThrow();
      String token = token(driver.onlyMailTo(admin));

      CountDownLatch ready = new CountDownLatch(2);
      CountDownLatch go = new CountDownLatch(1);
      ExecutorService pool = Executors.newFixedThreadPool(2);
      try {
        Future<String> link = pool.submit(() -> {
          ready.countDown();
          go.await();
          return answers.answerByToken(token,
              new Answer(AnswerType.ACCEPT, AnswerChannel.LINK, "Lucía García", admin, null, null)).name();
        });
        Future<String> reply = pool.submit(() -> {
          ready.countDown();
          go.await();
          return replyRouter.handle(acceptReply(asMatched));
        });
        assertThat(ready.await(10, TimeUnit.SECONDS)).isTrue();
        go.countDown();
        String linkOutcome = link.get(60, TimeUnit.SECONDS);
        String replyOutcome = reply.get(60, TimeUnit.SECONDS);

        assertThat(List.of(linkOutcome, replyOutcome)).as("round %d", round)
            .containsExactlyInAnyOrder(AnswerOutcome.ACCEPTED.name(), AnswerOutcome.ALREADY_ANSWERED.name());
        AnswerChannel winner = linkOutcome.equals(AnswerOutcome.ACCEPTED.name()) ? AnswerChannel.LINK : AnswerChannel.EMAIL;
        Invitation answered = registry.find(invitationId).orElseThrow();
        assertThat(answered.status()).isEqualTo(InvitationStatus.ACCEPTED);
        assertThat(answered.answerChannel()).isEqualTo(winner);
        assertThat(ANSWER_CHANNEL.from(driver.vars(pi))).isEqualTo(winner.name());
        assertThat(driver.relationshipEventsFor(invitationId)).isEqualTo(1);
        assertThat(jdbc.sql("select count(*) from customer where domain_prefix = ?").param(p).query(Long.class)
            .single()).isEqualTo(1);
        assertThat(pi).isWaitingAt(Ids.NOTIFY_OPERATIONS);
        assertThat(triageInstancesFor(invitationId)).isZero();
      } finally {
        pool.shutdownNow();
      }
    }
  }

  // --- helpers --------------------------------------------------------------------------------

  /** The admin's "ACEPTO" reply to the invitation, as the reply reader hands it on. */
  private static ReadReply acceptReply(Invitation invitation) {
    InboundReply mail = new InboundReply("<reply-" + UUID.randomUUID() + "@" + invitation.domainPrefix() + ".example>",
        invitation.adminEmail(), "RE: invitación [Ref: " + invitation.replyReference() + "]", null, List.of(),
        NOW, "ACEPTO\n\nSaludos, Lucía");
    return new ReadReply(mail, Optional.of(invitation), Optional.of(AnswerType.ACCEPT));
  }

  private long triageInstancesFor(String invitationId) {
    return runtimeService.createProcessInstanceQuery().processDefinitionKey(TRIAGE_PROCESS_KEY)
        .variableValueEquals(INVITATION_ID.name(), invitationId).count();
  }

  private void assertOpenForAnswer(String... tokens) {
    for (String token : tokens) {
      Optional<Invitation> invitation = registry.findByToken(token);
      assertThat(invitation).as("invitation of token %s", token).isPresent();
      assertThat(answers.refusal(invitation)).as("refusal of token %s", token).isEmpty();
    }
  }

  private Map<String, Instant> timerDueDates(ProcessInstance pi) {
    return managementService.createJobQuery().processInstanceId(pi.getId()).timers().list().stream()
        .collect(Collectors.toMap(driver::activityOf, job -> job.getDuedate().toInstant()));
  }

  private Map<String, List<String>> activeActivities(List<ProcessInstance> instances) {
    return instances.stream().collect(Collectors.toMap(ProcessInstance::getId,
        pi -> runtimeService.getActiveActivityIds(pi.getId()).stream().sorted().toList()));
  }

  private String insertCustomer(String domainPrefix, Relationship relationship) {
    String id = UUID.randomUUID().toString();
    jdbc.sql("""
        insert into customer (id, company_name, domain_prefix, culture, language, relationship, admin_user_name,
          delegated_admin, created_by, created_at, version)
        values (?, ?, ?, 'es-ES', 'es', ?, ?, false, 'test', ?, 0)""")
        .params(id, companyName(domainPrefix), domainPrefix, relationship.name(),
            "admin@" + domainPrefix + ".onmicrosoft.com", Timestamp.from(NOW))
        .update();
    return id;
  }

  private static String subject(MimeMessage mail) {
    try {
      return mail.getSubject();
    } catch (jakarta.mail.MessagingException e) {
      throw new IllegalStateException(e);
    }
  }
}
