package io.partnerflow.onboarding;

import static io.partnerflow.onboarding.OnboardingDriver.*;
import static io.partnerflow.onboarding.OnboardingProcess.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import io.partnerflow.catalog.OrderLine;
import io.partnerflow.catalog.OrderLineInput;
import io.partnerflow.consent.AgreementAttestation;
import io.partnerflow.customer.AccountInfo;
import io.partnerflow.customer.ContactRecord;
import io.partnerflow.customer.CustomerRecord;
import io.partnerflow.customer.CustomerRegistry;
import io.partnerflow.customer.PrimaryContact;
import io.partnerflow.customer.Relationship;
import io.partnerflow.customer.RelationshipEvent;
import io.partnerflow.customer.RelationshipService;
import io.partnerflow.invitation.InvitationProcess;
import io.partnerflow.mail.EmbeddedMailServer;
import io.partnerflow.onboarding.OnboardingProcess.Decisions;
import io.partnerflow.onboarding.OnboardingProcess.Ids;
import io.partnerflow.provisioning.ProvisioningService;
import io.partnerflow.provisioning.SubscriptionRecord;
import jakarta.mail.internet.MimeMessage;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.history.HistoricVariableUpdate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.annotation.DirtiesContext.ClassMode;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * "Add a new customer" as an indirect provider (the default configuration): one test per gateway
 * outcome and end event, each checking where the process stands and what the registry holds.
 *
 * <p>Mock web environment (no server): {@code WebEnvironment.NONE} fails because Camunda's REST
 * starter needs a servlet context. The context is closed after the class because every context
 * registers an engine named "default" with Camunda's static container (processes.xml names it),
 * so a second live context would fail to start.
 */
@SpringBootTest
@DirtiesContext(classMode = ClassMode.AFTER_CLASS)
class CustomerOnboardingProcessTest {

  /** Not in {@code Ids}: only this test refers to the boundary event. */
  private static final String AGREEMENT_TYPE = "MicrosoftCustomerAgreement";
  private static final String AGREEMENT_TEMPLATE_ID = "117a1c5a-7b4d-4d1a-9f1c-2f2c8b5a7e10";

  @Autowired
  AdminPasswordHandOver adminPasswords;

  @Autowired ProcessEngine processEngine;
  @Autowired RuntimeService runtimeService;
  @Autowired OnboardingStarter onboardings;
  @Autowired TaskService taskService;
  @Autowired HistoryService historyService;
  @Autowired CustomerRegistry customers;
  @Autowired RelationshipService relationships;
  @Autowired ProvisioningService provisioning;
  @Autowired EmbeddedMailServer mailServer;
  @Autowired JdbcClient jdbc;

  OnboardingDriver driver;
  String prefix;

  @BeforeEach
  void setUp() {
    BpmnAwareTests.init(processEngine);
    fixEngineClock();
    driver = new OnboardingDriver(processEngine);
    prefix = uniqueDomainPrefix("contoso");
  }

  @AfterEach
  void tearDown() {
    processEngine.getIdentityService().clearAuthentication();
    ClockUtil.reset();
  }

  // --- happy path -------------------------------------------------------------------------------

  @Test
  void indirectOnboardingCreatesTheCustomerProvisionsSubscriptionsAndWelcomesTheContactInSpanish() throws Exception {
    ProcessInstance pi = driver.start(spanishAccountInfo(prefix));
    assertThat(pi).isWaitingAt(Ids.CONFIRM_CUSTOMER_AGREEMENT);
    assertThat(runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(prefix).singleResult().getId())
        .as("the domain prefix is the business key").isEqualTo(pi.getId());
    driver.confirmAgreement(pi, TODAY);
    assertThat(pi).isWaitingAt(Ids.SELECT_RESELLER);
    driver.selectReseller(pi, RESELLER_ADATUM);
    assertThat(pi).isWaitingAt(Ids.SELECT_SUBSCRIPTIONS);
    driver.selectSubscriptions(pi, E3_WITH_TEAMS_PHONE);
    assertThat(pi).isWaitingAt(Ids.REVIEW);
    assertThat(ORDER_SUMMARY.from(vars(pi))).containsExactly(
        new OrderSummaryLine(0, "O365-E3", "Office 365 E3", 25),
        new OrderSummaryLine(1, "TEAMS-PHONE-STANDARD", "Teams Phone Standard", 10));

    driver.review(pi, Decisions.REVIEW_SUBMIT);

    // Registry written with the review's completion; provisioning waits in its own job.
    assertThat(pi).isWaitingAt(Ids.PROVISION_SUBSCRIPTIONS);
    String customerId = CUSTOMER_ID.from(vars(pi));
    String email = "lucia.garcia@" + prefix + ".example";
    String adminUserName = "admin@" + prefix + ".onmicrosoft.com";
    assertThat(customers.findIdByDomainPrefix(prefix)).contains(customerId);
    assertThat(customers.find(customerId)).contains(new CustomerRecord(customerId, "Contoso Ibérica " + prefix, prefix,
        "Calle de Alcalá 21", null, "Madrid", null, "28013", "ES", "es-ES", "es", null, Relationship.RESELLER,
        RESELLER_ADATUM, adminUserName, pi.getId(), OPERATOR, NOW, 0));
    assertThat(customers.primaryContact(customerId))
        .contains(new ContactRecord(CustomerRegistry.PRIMARY_CONTACT, "Lucía", "García", email, "+34 915 123 456"));
    assertThat(customers.attestations(customerId)).containsExactly(new AgreementAttestation(AGREEMENT_TYPE,
        AGREEMENT_TEMPLATE_ID, TODAY, "Lucía", "García", email, "+34 915 123 456", OPERATOR, NOW));
    assertThat(customers.orderLines(customerId))
        .containsExactly(new OrderLine(0, "O365-E3", 25), new OrderLine(1, "TEAMS-PHONE-STANDARD", 10));
    assertThat(orderLineResellerPartnerIds(customerId)).containsExactly(RESELLER_ADATUM_PARTNER_ID, RESELLER_ADATUM_PARTNER_ID);
    // It came in by onboarding, started by the operator: a tenant we created, ours to administer
    assertThat(relationships.history(customerId)).containsExactly(new RelationshipEvent("RESELLER", true, NOW,
        OPERATOR, RelationshipService.SOURCE_ONBOARDING, null));
    assertThat(relationships.hasDelegatedAdmin(customerId)).isTrue();
    assertThat(provisioning.subscriptions(customerId)).isEmpty();
    assertThat(ADMIN_USER_NAME.from(vars(pi))).isEqualTo(adminUserName);

    driver.executeJob(pi, Ids.PROVISION_SUBSCRIPTIONS);

    assertThat(pi).isWaitingAt(Ids.SEND_WELCOME_EMAIL);
    List<SubscriptionRecord> subscriptions = provisioning.subscriptions(customerId);
    assertThat(subscriptions)
        .extracting(SubscriptionRecord::customerId, SubscriptionRecord::lineNumber, SubscriptionRecord::offerId,
            SubscriptionRecord::quantity, SubscriptionRecord::status, SubscriptionRecord::resellerPartnerId,
            SubscriptionRecord::provisionedAt)
        .containsExactly(
            tuple(customerId, 0, "O365-E3", 25, SubscriptionRecord.ACTIVE, RESELLER_ADATUM_PARTNER_ID, NOW),
            tuple(customerId, 1, "TEAMS-PHONE-STANDARD", 10, SubscriptionRecord.ACTIVE, RESELLER_ADATUM_PARTNER_ID, NOW));
    assertThat(subscriptions).extracting(SubscriptionRecord::id).doesNotContainNull().doesNotHaveDuplicates();
    assertThat(mailsTo(mailServer, email)).isEmpty();

    driver.executeJob(pi, Ids.SEND_WELCOME_EMAIL);

    assertThat(pi).isWaitingAt(Ids.HAND_OVER_CREDENTIALS);
    Task handOver = driver.task(pi, Ids.HAND_OVER_CREDENTIALS);
    // Created when the assignee first opens the task (trust.HandOverPasswordFilter); never an engine variable
    assertThat(adminPasswords.exists(handOver.getId())).isFalse();
    String password = adminPasswords.passwordFor(handOver.getId(), pi.getId());
    assertThat(password).hasSize(16);
    assertThat(adminPasswords.passwordFor(handOver.getId(), pi.getId())).isEqualTo(password);
    assertThat(runtimeService.createVariableInstanceQuery().variableName(TEMPORARY_ADMIN_PASSWORD.name()).count())
        .isZero();

    List<MimeMessage> mails = mailsTo(mailServer, email);
    assertThat(mails).hasSize(1);
    MimeMessage mail = mails.get(0);
    assertThat(mail.getSubject()).isEqualTo("Su cuenta en la nube de Microsoft para Contoso Ibérica " + prefix + " está lista");
    String text = bodyPart(mail, "text/plain");
    String html = bodyPart(mail, "text/html");
    assertThat(text)
        .contains("Hola, Lucía García:")
        .contains("Buenas noticias: su cuenta en la nube de Microsoft para Contoso Ibérica " + prefix + " ya está lista.")
        .contains("Su dominio principal es " + prefix + ".onmicrosoft.com.")
        .contains(adminUserName)
        .contains("Por su seguridad, nunca enviamos contraseñas por correo electrónico.")
        .contains("Office 365 E3", "Teams Phone Standard", subscriptions.get(0).id(), subscriptions.get(1).id());
    assertThat(html).contains(adminUserName);
    assertThat(text).doesNotContain(password);
    assertThat(html).doesNotContain(password);

    driver.handOverCredentials(pi);

    assertThat(pi).isEnded().hasPassed(Ids.END_CUSTOMER_ONBOARDED);
    assertThat(historicValue(pi, CREDENTIALS_HANDED_OVER.name())).isEqualTo(true);
    // The password never reached the engine or its history, and is gone with the task.
    assertThat(adminPasswords.exists(handOver.getId())).isFalse();
    assertThat(historyService.createHistoricVariableInstanceQuery()
        .variableName(TEMPORARY_ADMIN_PASSWORD.name()).count()).isZero();
    assertThat(historyService.createHistoricDetailQuery()
        .variableNameLike(TEMPORARY_ADMIN_PASSWORD.name()).count()).isZero();
    assertThat(historyService.createHistoricVariableInstanceQuery().processInstanceId(pi.getId()).list())
        .extracting(HistoricVariableInstance::getValue).doesNotContain(password)
        .contains(adminUserName); // the history itself is recorded
    assertThat(runtimeService.createVariableInstanceQuery()
        .variableName(TEMPORARY_ADMIN_PASSWORD.name()).count()).isZero();
    // History details keep the start values only; every variable's latest value is in history
    assertThat(historyService.createHistoricDetailQuery().processInstanceId(pi.getId()).variableUpdates().list())
        .isNotEmpty().allSatisfy(detail -> assertThat(((HistoricVariableUpdate) detail).isInitial()).isTrue())
        .extracting(detail -> ((HistoricVariableUpdate) detail).getVariableName())
        .contains(COMPANY_NAME.name(), DOMAIN_PREFIX.name()).doesNotContain(REVIEW_DECISION.name());
    assertThat(historicValue(pi, REVIEW_DECISION.name())).isEqualTo(Decisions.REVIEW_SUBMIT);
  }

  // --- account info -----------------------------------------------------------------------------

  @Test
  void invalidAccountInfoWaitsInEditAccountInfoUntilCorrectedThenAsksForTheAgreement() {
    VariableMap german = spanishAccountInfo(prefix);
    CITY.putIn(german, "Berlin");
    ADDRESS_LINE1.putIn(german, "Unter den Linden 5");
    COUNTRY.putIn(german, "DE");
    CULTURE.putIn(german, "de-DE");
    LANGUAGE.putIn(german, "de");
    POSTAL_CODE.putIn(german, "1234");
    CONTACT_EMAIL.putIn(german, "hans.mueller@example");

    ProcessInstance pi = driver.start(german);

    assertThat(pi).isWaitingAt(Ids.EDIT_ACCOUNT_INFO).hasPassed(Ids.VALIDATE_ACCOUNT_INFO);
    assertThat(brokenRules(ACCOUNT_INFO_ERRORS, vars(pi)))
        .containsExactly("postalCode/postal-code-format", "contactEmail/email-format");
    assertThat(customers.findIdByDomainPrefix(prefix)).isEmpty();

    POSTAL_CODE.putIn(german, "10117");
    CONTACT_EMAIL.putIn(german, "hans.mueller@example.de");
    driver.editAccountInfo(pi, german);

    assertThat(pi).isWaitingAt(Ids.CONFIRM_CUSTOMER_AGREEMENT).hasPassed(Ids.GATEWAY_RETURN_TO_REVIEW)
        .hasNotPassed(Ids.REVIEW);
    assertThat(ACCOUNT_INFO_ERRORS.from(vars(pi))).isEmpty();
    assertThat(SIGNER_EMAIL.from(vars(pi))).isEqualTo("hans.mueller@example.de");
    assertThat(customers.findIdByDomainPrefix(prefix)).isEmpty();
  }

  @Test
  void domainOfACustomerWithoutRelationshipInAnyCaseHandsOverToAnInvitation() {
    ProcessInstance pi = driver.start(spanishAccountInfo("FabriKAM"));

    // The operator who started it is told, in Tasklist, what happened instead
    assertThat(pi).isWaitingAt(Ids.NOTE_INVITATION_SENT)
        .hasPassed(Ids.GATEWAY_EXISTING_RELATIONSHIP, Ids.REQUEST_RELATIONSHIP, Ids.GATEWAY_TELL_INVITATION_SENT);
    assertThat(driver.task(pi, Ids.NOTE_INVITATION_SENT).getAssignee()).isEqualTo(OPERATOR);
    assertThat(EXISTING_COMPANY_NAME.from(vars(pi))).isEqualTo("Fabrikam, Inc.");
    driver.noteExistingCustomer(pi, Ids.NOTE_INVITATION_SENT);

    assertThat(pi).isEnded()
        .hasPassed(Ids.GATEWAY_EXISTING_RELATIONSHIP, Ids.REQUEST_RELATIONSHIP, Ids.END_RELATIONSHIP_REQUESTED)
        .hasNotPassed(Ids.CONFIRM_CUSTOMER_AGREEMENT, Ids.END_EXISTING_CUSTOMER);
    assertThat(historicValue(pi, EXISTING_CUSTOMER_ID.name())).isEqualTo(FABRIKAM_CUSTOMER_ID);
    assertThat(customerIdsWithPrefix("fabrikam")).containsExactly(FABRIKAM_CUSTOMER_ID);
    assertThat(customers.orderLines(FABRIKAM_CUSTOMER_ID)).isEmpty();

    // The invitation goes to the onboarding's contact, for the existing customer, in its language
    String invitationInstanceId = (String) historicValue(pi, INVITATION_PROCESS_INSTANCE_ID.name());
    ProcessInstance invitation = runtimeService.createProcessInstanceQuery().processInstanceId(invitationInstanceId)
        .singleResult();
    assertThat(invitation.getProcessDefinitionId()).startsWith(InvitationProcess.PROCESS_KEY + ":");
    Map<String, Object> invitationVariables = runtimeService.getVariables(invitationInstanceId);
    assertThat(InvitationProcess.CUSTOMER_ID.from(invitationVariables)).isEqualTo(FABRIKAM_CUSTOMER_ID);
    assertThat(InvitationProcess.DOMAIN_PREFIX.from(invitationVariables)).isEqualTo("FabriKAM");
    assertThat(InvitationProcess.ADMIN_EMAIL.from(invitationVariables))
        .isEqualTo(historicValue(pi, CONTACT_EMAIL.name()));
    assertThat(InvitationProcess.LANGUAGE.from(invitationVariables)).isEqualTo("es");
    assertThat(InvitationProcess.INVITATION_ID.from(invitationVariables)).isNotNull();
  }

  @Test
  void domainOfACustomerThatIsAlreadyOursEndsAsExistingCustomerWithoutInvitation() {
    insertCustomerElsewhere(prefix); // relationship RESELLER

    ProcessInstance pi = driver.start(spanishAccountInfo(prefix));

    assertThat(pi).isWaitingAt(Ids.NOTE_ALREADY_OUR_CUSTOMER).hasPassed(Ids.GATEWAY_TELL_ALREADY_OURS);
    assertThat(driver.task(pi, Ids.NOTE_ALREADY_OUR_CUSTOMER).getAssignee()).isEqualTo(OPERATOR);
    assertThat(EXISTING_COMPANY_NAME.from(vars(pi))).isEqualTo(customers.find(EXISTING_CUSTOMER_ID.from(vars(pi)))
        .orElseThrow().companyName());
    driver.noteExistingCustomer(pi, Ids.NOTE_ALREADY_OUR_CUSTOMER);

    assertThat(pi).isEnded().hasPassed(Ids.GATEWAY_EXISTING_RELATIONSHIP, Ids.END_EXISTING_CUSTOMER)
        .hasNotPassed(Ids.REQUEST_RELATIONSHIP, Ids.CONFIRM_CUSTOMER_AGREEMENT);
    assertThat(runtimeService.createProcessInstanceQuery().processDefinitionKey(InvitationProcess.PROCESS_KEY)
        .variableValueEquals(InvitationProcess.DOMAIN_PREFIX.name(), prefix).count()).isZero();
  }

  @Test
  void existingCustomerStartedByTheApiEndsWithoutANoteInTasklist() {
    insertCustomerElsewhere(prefix); // relationship RESELLER
    VariableMap start = spanishAccountInfo(prefix);

    ProcessInstance pi = onboardings.startForApi(new AccountInfo(COMPANY_NAME.from(start), DOMAIN_PREFIX.from(start),
        ADDRESS_LINE1.from(start), ADDRESS_LINE2.from(start), CITY.from(start), STATE.from(start),
        POSTAL_CODE.from(start), COUNTRY.from(start), CULTURE.from(start), LANGUAGE.from(start),
        REGISTRATION_NUMBER.from(start), new PrimaryContact(CONTACT_FIRST_NAME.from(start),
            CONTACT_LAST_NAME.from(start), CONTACT_EMAIL.from(start), CONTACT_PHONE.from(start))), OPERATOR);

    assertThat(pi).isEnded().hasPassed(Ids.GATEWAY_TELL_ALREADY_OURS, Ids.END_EXISTING_CUSTOMER)
        .hasNotPassed(Ids.NOTE_ALREADY_OUR_CUSTOMER, Ids.REQUEST_RELATIONSHIP);
  }

  @Test
  void aStartVariableStartedByApiFromAnyoneButTheApiIsOverwritten() {
    insertCustomerElsewhere(prefix); // relationship RESELLER
    VariableMap start = spanishAccountInfo(prefix);
    STARTED_BY_API.putIn(start, true); // as Tasklist or engine REST could submit it

    ProcessInstance pi = driver.start(start);

    assertThat(pi).isWaitingAt(Ids.NOTE_ALREADY_OUR_CUSTOMER);
    assertThat(STARTED_BY_API.from(vars(pi))).isFalse();
    assertThat(runtimeService.createProcessInstanceQuery().processInstanceId(pi.getId()).singleResult()
        .getBusinessKey()).isEqualTo(prefix);
  }

  @Test
  void domainTakenBetweenValidationAndSubmitEndsAsExistingCustomerWithoutWritingAnything() {
    ProcessInstance pi = driver.start(spanishAccountInfo(prefix));
    driver.advanceToReview(pi, E3_WITH_TEAMS_PHONE);
    assertThat(pi).isWaitingAt(Ids.REVIEW);
    String otherCustomerId = insertCustomerElsewhere(prefix.toUpperCase());

    driver.review(pi, Decisions.REVIEW_SUBMIT);

    assertThat(pi).isWaitingAt(Ids.NOTE_ALREADY_OUR_CUSTOMER);
    driver.noteExistingCustomer(pi, Ids.NOTE_ALREADY_OUR_CUSTOMER);
    assertThat(pi).isEnded().hasPassed(Ids.CREATE_CUSTOMER, Ids.BOUNDARY_DOMAIN_TAKEN_ON_SUBMIT, Ids.END_EXISTING_CUSTOMER)
        .hasNotPassed(Ids.PROVISION_SUBSCRIPTIONS);
    assertThat(historicValue(pi, EXISTING_CUSTOMER_ID.name())).isEqualTo(otherCustomerId);
    assertThat(historicValue(pi, CUSTOMER_ID.name())).isNull();
    assertThat(customerIdsWithPrefix(prefix)).containsExactly(otherCustomerId);
    assertThat(customers.orderLines(otherCustomerId)).isEmpty();
    assertThat(customers.attestations(otherCustomerId)).isEmpty();
    assertThat(customers.primaryContact(otherCustomerId)).isEmpty();
    assertThat(relationships.history(otherCustomerId)).isEmpty();
  }

  // --- customer agreement -----------------------------------------------------------------------

  @Test
  void cancellingWithAReasonEndsTheOnboardingWithoutACustomer() {
    ProcessInstance pi = driver.start(spanishAccountInfo(prefix));

    driver.cancelAgreement(pi, "  Customer chose another provider  ");

    assertThat(pi).isEnded().hasPassed(Ids.RECORD_CANCELLATION, Ids.END_ONBOARDING_CANCELLED)
        .hasNotPassed(Ids.CHECK_CONSENT);
    assertThat(historicValue(pi, CANCELLATION_REASON.name())).isEqualTo("Customer chose another provider");
    assertThat(customers.findIdByDomainPrefix(prefix)).isEmpty();
  }

  @Test
  void cancellingWithABlankReasonReturnsToTheAgreementWithAnError() {
    ProcessInstance pi = driver.start(spanishAccountInfo(prefix));

    driver.cancelAgreement(pi, "   ");

    assertThat(pi).isWaitingAt(Ids.CONFIRM_CUSTOMER_AGREEMENT).hasPassed(Ids.RECORD_CANCELLATION)
        .hasNotPassed(Ids.END_ONBOARDING_CANCELLED);
    assertThat(brokenRules(AGREEMENT_ERRORS, vars(pi))).containsExactly("cancellationReason/reason-length");
    assertThat(customers.findIdByDomainPrefix(prefix)).isEmpty();
  }

  @Test
  void signerIsPrefilledFromThePrimaryContactOnTheFirstVisit() {
    ProcessInstance pi = driver.start(spanishAccountInfo(prefix));

    assertThat(pi).isWaitingAt(Ids.CONFIRM_CUSTOMER_AGREEMENT);
    assertThat(signer(pi)).containsExactly("Lucía", "García", "lucia.garcia@" + prefix + ".example", "+34 915 123 456");
  }

  @Test
  void signerEnteredByTheOperatorIsKeptWhenTheAgreementIsShownAgain() {
    ProcessInstance pi = driver.start(spanishAccountInfo(prefix));

    // Another signer, dated tomorrow: back to the task with the operator's entries.
    driver.confirmAgreement(pi, otherSigner(TODAY.plusDays(1), "+34 600 111 222"));

    assertThat(pi).isWaitingAt(Ids.CONFIRM_CUSTOMER_AGREEMENT);
    assertThat(signer(pi)).containsExactly("Javier", "Ruiz", "javier.ruiz@" + prefix + ".example", "+34 600 111 222");
  }

  @Test
  void signerPhoneClearedByTheOperatorStaysEmptyWhenTheAgreementIsShownAgain() {
    ProcessInstance pi = driver.start(spanishAccountInfo(prefix));

    // The operator removes the prefilled phone: Javier's phone is unknown, it is not Lucía's.
    driver.confirmAgreement(pi, otherSigner(TODAY.plusDays(1), ""));

    assertThat(pi).isWaitingAt(Ids.CONFIRM_CUSTOMER_AGREEMENT);
    assertThat(signer(pi)).containsExactly("Javier", "Ruiz", "javier.ruiz@" + prefix + ".example", "");
  }

  static Stream<Arguments> invalidConsents() {
    return Stream.of(
        Arguments.of("dated tomorrow", true, TODAY.plusDays(1), "agreementDateAccepted/date-in-future"),
        Arguments.of("not accepted", false, TODAY, "agreementAccepted/not-accepted"),
        Arguments.of("dated before the agreement took effect", true, LocalDate.of(2019, 9, 30),
            "agreementDateAccepted/before-agreement-version"));
  }

  @ParameterizedTest(name = "consent {0}")
  @MethodSource("invalidConsents")
  void invalidConsentReturnsToTheAgreementAndOrdersNothing(String description, boolean accepted, LocalDate date,
      String brokenRule) {
    ProcessInstance pi = driver.start(spanishAccountInfo(prefix));
    VariableMap submitted = Variables.createVariables();
    AGREEMENT_DECISION.putIn(submitted, Decisions.AGREEMENT_CONFIRM);
    AGREEMENT_ACCEPTED.putIn(submitted, accepted);
    AGREEMENT_DATE_ACCEPTED.putIn(submitted, date.toString());

    driver.confirmAgreement(pi, submitted);

    assertThat(pi).isWaitingAt(Ids.CONFIRM_CUSTOMER_AGREEMENT).hasPassed(Ids.CHECK_CONSENT)
        .hasNotPassed(Ids.SELECT_RESELLER, Ids.SELECT_SUBSCRIPTIONS);
    assertThat(brokenRules(AGREEMENT_ERRORS, vars(pi))).containsExactly(brokenRule);
    assertThat(ATTESTED_BY.from(vars(pi))).isNull();
    assertThat(customers.findIdByDomainPrefix(prefix)).isEmpty();

    driver.confirmAgreement(pi, TODAY);

    assertThat(pi).isWaitingAt(Ids.SELECT_RESELLER);
    assertThat(AGREEMENT_ERRORS.from(vars(pi))).isEmpty();
    assertThat(ATTESTED_BY.from(vars(pi))).isEqualTo(OPERATOR);
    assertThat(ATTESTED_AT.from(vars(pi))).isEqualTo(NOW.toString());
  }

  // --- indirect reseller ------------------------------------------------------------------------

  @Test
  void resellerOptionsListOnlyResellersWeMaySellThrough() {
    ProcessInstance pi = driver.start(spanishAccountInfo(prefix));
    driver.confirmAgreement(pi, TODAY);

    assertThat(pi).isWaitingAt(Ids.SELECT_RESELLER).hasPassed(Ids.GATEWAY_IS_INDIRECT_PROVIDER);
    assertThat(RESELLER_OPTIONS.from(vars(pi))).containsExactly(
        new SelectOption("Adatum IT Services (5100231, ES)", RESELLER_ADATUM),
        new SelectOption("Litware Consulting (5100902, IT)", RESELLER_LITWARE),
        new SelectOption("Tailspin Cloud Solutions (5100478, DE)", RESELLER_TAILSPIN));
  }

  static Stream<Arguments> resellersWeMayNotSellThrough() {
    return Stream.of(
        Arguments.of("inactive", RESELLER_PROSEWARE_INACTIVE, "resellerId/reseller-not-active"),
        Arguments.of("without a signed partner agreement", RESELLER_WINGTIP_NO_AGREEMENT,
            "resellerId/reseller-agreement-not-signed"),
        Arguments.of("in another region", RESELLER_WOODGROVE_AMERICAS, "resellerId/reseller-other-region"),
        Arguments.of("unknown", UUID.randomUUID().toString(), "resellerId/reseller-unknown"));
  }

  @ParameterizedTest(name = "reseller {0}")
  @MethodSource("resellersWeMayNotSellThrough")
  void invalidResellerReturnsToResellerSelectionThenAValidOneLeadsToSubscriptions(String description,
      String resellerId, String brokenRule) {
    ProcessInstance pi = driver.start(spanishAccountInfo(prefix));
    driver.confirmAgreement(pi, TODAY);

    driver.selectReseller(pi, resellerId);

    assertThat(pi).isWaitingAt(Ids.SELECT_RESELLER).hasPassed(Ids.ASSIGN_RESELLER).hasNotPassed(Ids.SELECT_SUBSCRIPTIONS);
    assertThat(brokenRules(RESELLER_ERRORS, vars(pi))).containsExactly(brokenRule);
    assertThat(RESELLER_PARTNER_ID.from(vars(pi))).isNull();

    driver.selectReseller(pi, RESELLER_ADATUM);

    assertThat(pi).isWaitingAt(Ids.SELECT_SUBSCRIPTIONS);
    assertThat(RESELLER_ERRORS.from(vars(pi))).isEmpty();
    assertThat(RESELLER_NAME.from(vars(pi))).isEqualTo("Adatum IT Services");
    assertThat(RESELLER_PARTNER_ID.from(vars(pi))).isEqualTo(RESELLER_ADATUM_PARTNER_ID);
    assertThat(customers.findIdByDomainPrefix(prefix)).isEmpty();
  }

  // --- subscriptions ----------------------------------------------------------------------------

  static Stream<Arguments> invalidOrders() {
    return Stream.of(
        Arguments.of("add-on without its prerequisite", List.of(new OrderLineInput("TEAMS-PHONE-STANDARD", 10)),
            List.of("orderLines[0].offerId/prerequisite-missing")),
        Arguments.of("quantity above the offer's maximum",
            List.of(new OrderLineInput("O365-E3", 5), new OrderLineInput("AZURE-PLAN", 2)),
            List.of("orderLines[1].quantity/quantity-range")),
        Arguments.of("quantity zero", List.of(new OrderLineInput("O365-E3", 0)),
            List.of("orderLines[0].quantity/quantity-range")),
        Arguments.of("retired offer", List.of(new OrderLineInput("VISIO-PLAN2-LEGACY", 5)),
            List.of("orderLines[0].offerId/offer-retired")),
        Arguments.of("duplicate offer", List.of(new OrderLineInput("O365-E3", 5), new OrderLineInput("O365-E3", 3)),
            List.of("orderLines[1].offerId/duplicate-line")),
        Arguments.of("no lines", List.of(), List.of("orderLines/required")));
  }

  @ParameterizedTest(name = "order with {0}")
  @MethodSource("invalidOrders")
  void invalidOrderReturnsToSubscriptionSelectionAndWritesNothing(String description, List<OrderLineInput> lines,
      List<String> brokenRules) {
    ProcessInstance pi = driver.start(spanishAccountInfo(prefix));
    driver.confirmAgreement(pi, TODAY);
    driver.selectReseller(pi, RESELLER_ADATUM);

    driver.selectSubscriptions(pi, lines);

    assertThat(pi).isWaitingAt(Ids.SELECT_SUBSCRIPTIONS).hasPassed(Ids.VALIDATE_ORDER).hasNotPassed(Ids.REVIEW);
    assertThat(brokenRules(ORDER_ERRORS, vars(pi))).containsExactlyElementsOf(brokenRules);
    assertThat(ORDER_SUMMARY.from(vars(pi))).isNull();
    assertThat(customers.findIdByDomainPrefix(prefix)).isEmpty();
  }

  // --- review -----------------------------------------------------------------------------------

  @Test
  void updatingAccountInfoFromTheReviewReturnsToTheReviewAndSubmitsTheNewValues() {
    ProcessInstance pi = driver.start(spanishAccountInfo(prefix));
    driver.advanceToReview(pi, E3_WITH_TEAMS_PHONE);

    driver.review(pi, Decisions.REVIEW_UPDATE_ACCOUNT);

    assertThat(pi).isWaitingAt(Ids.EDIT_ACCOUNT_INFO);
    VariableMap edited = spanishAccountInfo(prefix);
    COMPANY_NAME.putIn(edited, "Contoso Barcelona " + prefix);
    ADDRESS_LINE1.putIn(edited, "Passeig de Gràcia 92");
    CITY.putIn(edited, "Barcelona");
    POSTAL_CODE.putIn(edited, "08008");
    CULTURE.putIn(edited, "ca-ES");
    LANGUAGE.putIn(edited, "ca");
    driver.editAccountInfo(pi, edited);

    assertThat(pi).isWaitingAt(Ids.REVIEW);
    assertThat(historyService.createHistoricActivityInstanceQuery().processInstanceId(pi.getId())
        .activityId(Ids.CONFIRM_CUSTOMER_AGREEMENT).count()).as("agreement confirmed only once").isEqualTo(1);
    assertThat(historyService.createHistoricActivityInstanceQuery().processInstanceId(pi.getId())
        .activityId(Ids.REVIEW).count()).isEqualTo(2);

    driver.review(pi, Decisions.REVIEW_SUBMIT);

    assertThat(pi).isWaitingAt(Ids.PROVISION_SUBSCRIPTIONS);
    CustomerRecord customer = customers.find(CUSTOMER_ID.from(vars(pi))).orElseThrow();
    assertThat(List.of(customer.companyName(), customer.addressLine1(), customer.city(), customer.postalCode(),
        customer.culture(), customer.language()))
        .containsExactly("Contoso Barcelona " + prefix, "Passeig de Gràcia 92", "Barcelona", "08008", "ca-ES", "ca");
  }

  @Test
  void updatingSubscriptionsFromTheReviewReturnsToTheReviewAndSubmitsTheNewLines() {
    ProcessInstance pi = driver.start(spanishAccountInfo(prefix));
    driver.advanceToReview(pi, E3_WITH_TEAMS_PHONE);

    driver.review(pi, Decisions.REVIEW_UPDATE_SUBSCRIPTIONS);

    assertThat(pi).isWaitingAt(Ids.SELECT_SUBSCRIPTIONS);
    driver.selectSubscriptions(pi,
        List.of(new OrderLineInput("M365-BUSINESS-PREMIUM", 12), new OrderLineInput("DEFENDER-O365-P2", 12)));
    assertThat(pi).isWaitingAt(Ids.REVIEW);
    assertThat(ORDER_SUMMARY.from(vars(pi))).extracting(OrderSummaryLine::offerId)
        .containsExactly("M365-BUSINESS-PREMIUM", "DEFENDER-O365-P2");

    driver.review(pi, Decisions.REVIEW_SUBMIT);

    assertThat(pi).isWaitingAt(Ids.PROVISION_SUBSCRIPTIONS);
    assertThat(customers.orderLines(CUSTOMER_ID.from(vars(pi))))
        .containsExactly(new OrderLine(0, "M365-BUSINESS-PREMIUM", 12), new OrderLine(1, "DEFENDER-O365-P2", 12));
  }

  // --- helpers ----------------------------------------------------------------------------------

  /** The confirm form with another signer than the primary contact. */
  private VariableMap otherSigner(LocalDate dateAccepted, String phone) {
    VariableMap submitted = Variables.createVariables();
    AGREEMENT_DECISION.putIn(submitted, Decisions.AGREEMENT_CONFIRM);
    AGREEMENT_ACCEPTED.putIn(submitted, true);
    AGREEMENT_DATE_ACCEPTED.putIn(submitted, dateAccepted.toString());
    SIGNER_FIRST_NAME.putIn(submitted, "Javier");
    SIGNER_LAST_NAME.putIn(submitted, "Ruiz");
    SIGNER_EMAIL.putIn(submitted, "javier.ruiz@" + prefix + ".example");
    SIGNER_PHONE.putIn(submitted, phone);
    return submitted;
  }

  private List<String> signer(ProcessInstance pi) {
    Map<String, Object> v = vars(pi);
    return Arrays.asList(SIGNER_FIRST_NAME.from(v), SIGNER_LAST_NAME.from(v), SIGNER_EMAIL.from(v),
        SIGNER_PHONE.from(v));
  }

  private Map<String, Object> vars(ProcessInstance pi) {
    return runtimeService.getVariables(pi.getId());
  }

  private Object historicValue(ProcessInstance pi, String variableName) {
    HistoricVariableInstance variable = historyService.createHistoricVariableInstanceQuery()
        .processInstanceId(pi.getId()).variableName(variableName).singleResult();
    return variable == null ? null : variable.getValue();
  }

  private List<String> customerIdsWithPrefix(String domainPrefix) {
    return jdbc.sql("select id from customer where lower(domain_prefix) = lower(?)").param(domainPrefix)
        .query(String.class).list();
  }

  private List<String> orderLineResellerPartnerIds(String customerId) {
    return jdbc.sql("select reseller_partner_id from order_line where customer_id = ? order by line_number")
        .param(customerId).query(String.class).list();
  }

  /** Another onboarding (or the portal) creates a customer with this domain, committed at once. */
  private String insertCustomerElsewhere(String domainPrefix) {
    String id = UUID.randomUUID().toString();
    jdbc.sql("""
        insert into customer (id, company_name, domain_prefix, address_line1, city, country, culture, language,
          relationship, admin_user_name, created_by, created_at, version)
        values (?, 'Contoso Elsewhere', ?, 'Gran Vía 1', 'Madrid', 'ES', 'es-ES', 'es', 'RESELLER', ?, 'portal', ?, 0)""")
        .params(id, CustomerRegistry.normalizeDomainPrefix(domainPrefix),
            "admin@" + CustomerRegistry.normalizeDomainPrefix(domainPrefix) + ".onmicrosoft.com", Timestamp.from(NOW))
        .update();
    return id;
  }
}
