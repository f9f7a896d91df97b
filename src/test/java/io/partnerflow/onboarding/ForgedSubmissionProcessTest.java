package io.partnerflow.onboarding;

import static io.partnerflow.onboarding.OnboardingDriver.*;
import static io.partnerflow.onboarding.OnboardingProcess.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import io.partnerflow.catalog.OrderLine;
import io.partnerflow.catalog.OrderLineInput;
import io.partnerflow.consent.AgreementAttestation;
import io.partnerflow.customer.CustomerRegistry;
import io.partnerflow.onboarding.OnboardingProcess.Decisions;
import io.partnerflow.onboarding.OnboardingProcess.Ids;
import io.partnerflow.provisioning.ProvisioningService;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.annotation.DirtiesContext.ClassMode;

/**
 * "Create customer record" against values forged through the engine API after their checks (as
 * {@code PUT /process-instance/{id}/variables} or extra variables on a task completion would):
 * nothing is written, and the instance waits in the task that can fix it, with the reason. Who
 * attested comes from the history of the consent task, never from {@code attestedBy}.
 * (Engine and context as in {@link CustomerOnboardingProcessTest}.)
 */
@SpringBootTest
@DirtiesContext(classMode = ClassMode.AFTER_CLASS)
class ForgedSubmissionProcessTest {

  private static final List<String> REGISTRY_TABLES =
      List.of("customer", "contact", "agreement_attestation", "order_line", "relationship_event", "subscription");
  /** A second operator: not the initiator, not the one who submits the review. */
  private static final String OTTO = "otto";

  @Autowired ProcessEngine processEngine;
  @Autowired RuntimeService runtimeService;
  @Autowired TaskService taskService;
  @Autowired IdentityService identityService;
  @Autowired CustomerRegistry customers;
  @Autowired ProvisioningService provisioning;
  @Autowired JdbcClient jdbc;

  OnboardingDriver driver;
  String prefix;

  @BeforeEach
  void setUp() {
    BpmnAwareTests.init(processEngine);
    fixEngineClock();
    driver = new OnboardingDriver(processEngine);
    prefix = uniqueDomainPrefix("forged");
  }

  @AfterEach
  void tearDown() {
    identityService.clearAuthentication();
    ClockUtil.reset();
  }

  // --- account info -----------------------------------------------------------------------------

  @Test
  void accountInfoForgedAfterValidationReturnsToEditAccountInfoAndWritesNothing() {
    ProcessInstance pi = atReview();
    VariableMap forged = Variables.createVariables();
    POSTAL_CODE.putIn(forged, "ABC");
    CONTACT_EMAIL.putIn(forged, "<img src=x onerror=alert(1)>");
    forge(pi, forged);
    Map<String, Long> before = registryRows();

    driver.review(pi, Decisions.REVIEW_SUBMIT);

    assertThat(pi).isWaitingAt(Ids.EDIT_ACCOUNT_INFO)
        .hasPassed(Ids.CREATE_CUSTOMER, Ids.BOUNDARY_ACCOUNT_INFO_INVALID_ON_SUBMIT)
        .hasNotPassed(Ids.PROVISION_SUBSCRIPTIONS);
    assertThat(brokenRules(ACCOUNT_INFO_ERRORS, vars(pi)))
        .contains("postalCode/postal-code-format", "contactEmail/email-format");
    assertThat(ACCOUNT_INFO_ERRORS.from(vars(pi))).contains("&lt;img").doesNotContain("<img");
    assertThat(registryRows()).isEqualTo(before);

    driver.editAccountInfo(pi, spanishAccountInfo(prefix));
    assertThat(pi).as("back to the review, not through the agreement again").isWaitingAt(Ids.REVIEW);
    driver.review(pi, Decisions.REVIEW_SUBMIT);

    assertThat(pi).isWaitingAt(Ids.PROVISION_SUBSCRIPTIONS);
    assertThat(customers.primaryContact(CUSTOMER_ID.from(vars(pi))).orElseThrow().email())
        .isEqualTo("lucia.garcia@" + prefix + ".example");
  }

  // --- order ------------------------------------------------------------------------------------

  @Test
  void orderLinesForgedAfterValidationReturnToSubscriptionsAndWriteNothing() {
    ProcessInstance pi = atReview();
    forge(pi, ORDER_LINES.putIn(Variables.createVariables(),
        List.of(new OrderLineInput("AZURE-PLAN", 999), new OrderLineInput("VISIO-PLAN2-LEGACY", 1))));
    Map<String, Long> before = registryRows();

    driver.review(pi, Decisions.REVIEW_SUBMIT);

    assertThat(pi).isWaitingAt(Ids.SELECT_SUBSCRIPTIONS)
        .hasPassed(Ids.CREATE_CUSTOMER, Ids.BOUNDARY_ORDER_INVALID_ON_SUBMIT).hasNotPassed(Ids.PROVISION_SUBSCRIPTIONS);
    assertThat(brokenRules(ORDER_ERRORS, vars(pi)))
        .containsExactly("orderLines[0].quantity/quantity-range", "orderLines[1].offerId/offer-retired");
    assertThat(ORDER_ERRORS.from(vars(pi))).contains("Azure plan", "999", "Visio Plan 2 (legacy SKU) is retired");
    assertThat(registryRows()).isEqualTo(before);
    assertThat(customers.findIdByDomainPrefix(prefix)).isEmpty();

    // Fixed in the task, the onboarding goes on through the review
    driver.selectSubscriptions(pi, E3_WITH_TEAMS_PHONE);
    driver.review(pi, Decisions.REVIEW_SUBMIT);

    assertThat(pi).isWaitingAt(Ids.PROVISION_SUBSCRIPTIONS);
    assertThat(ORDER_ERRORS.from(vars(pi))).isEmpty();
    assertThat(customers.orderLines(CUSTOMER_ID.from(vars(pi))))
        .containsExactly(new OrderLine(0, "O365-E3", 25), new OrderLine(1, "TEAMS-PHONE-STANDARD", 10));
  }

  @Test
  void aForgedOrderSummaryIsNeverOrderedTheValidatedLinesAre() {
    ProcessInstance pi = atReview();
    forge(pi, ORDER_SUMMARY.putIn(Variables.createVariables(), List.of(
        new OrderSummaryLine(0, "AZURE-PLAN", "Azure plan", 999),
        new OrderSummaryLine(1, "VISIO-PLAN2-LEGACY", "Visio Plan 2 (legacy SKU)", 1))));

    driver.review(pi, Decisions.REVIEW_SUBMIT);

    assertThat(pi).isWaitingAt(Ids.PROVISION_SUBSCRIPTIONS);
    String customerId = CUSTOMER_ID.from(vars(pi));
    assertThat(customers.orderLines(customerId))
        .containsExactly(new OrderLine(0, "O365-E3", 25), new OrderLine(1, "TEAMS-PHONE-STANDARD", 10));
    assertThat(ORDER_SUMMARY.from(vars(pi))).as("rebuilt from the catalog").containsExactly(
        new OrderSummaryLine(0, "O365-E3", "Office 365 E3", 25),
        new OrderSummaryLine(1, "TEAMS-PHONE-STANDARD", "Teams Phone Standard", 10));
  }

  // --- reseller ---------------------------------------------------------------------------------

  @Test
  void anInactiveResellerForgedAfterItsCheckReturnsToResellerSelectionAndWritesNothing() {
    ProcessInstance pi = atReview();
    VariableMap forged = Variables.createVariables();
    RESELLER_ID.putIn(forged, RESELLER_PROSEWARE_INACTIVE);
    RESELLER_PARTNER_ID.putIn(forged, "5101155");
    forge(pi, forged);
    Map<String, Long> before = registryRows();

    driver.review(pi, Decisions.REVIEW_SUBMIT);

    assertThat(pi).isWaitingAt(Ids.SELECT_RESELLER)
        .hasPassed(Ids.CREATE_CUSTOMER, Ids.BOUNDARY_RESELLER_INVALID_ON_SUBMIT).hasNotPassed(Ids.PROVISION_SUBSCRIPTIONS);
    assertThat(brokenRules(RESELLER_ERRORS, vars(pi))).containsExactly("resellerId/reseller-not-active");
    assertThat(RESELLER_ERRORS.from(vars(pi))).contains("Proseware Networks");
    assertThat(registryRows()).isEqualTo(before);

    driver.selectReseller(pi, RESELLER_ADATUM);
    driver.selectSubscriptions(pi, E3_WITH_TEAMS_PHONE);
    driver.review(pi, Decisions.REVIEW_SUBMIT);

    assertThat(pi).isWaitingAt(Ids.PROVISION_SUBSCRIPTIONS);
    assertThat(customers.find(CUSTOMER_ID.from(vars(pi))).orElseThrow().resellerId()).isEqualTo(RESELLER_ADATUM);
  }

  @Test
  void theResellersPartnerIdComesFromTheDirectoryNotFromTheVariables() {
    ProcessInstance pi = atReview();
    VariableMap forged = Variables.createVariables();
    RESELLER_NAME.putIn(forged, "Someone Else Ltd");
    RESELLER_PARTNER_ID.putIn(forged, "9999999");
    forge(pi, forged);

    driver.review(pi, Decisions.REVIEW_SUBMIT);

    assertThat(pi).isWaitingAt(Ids.PROVISION_SUBSCRIPTIONS);
    String customerId = CUSTOMER_ID.from(vars(pi));
    assertThat(jdbc.sql("select distinct reseller_partner_id from order_line where customer_id = ?")
        .param(customerId).query(String.class).list()).containsExactly(RESELLER_ADATUM_PARTNER_ID);
    assertThat(RESELLER_NAME.from(vars(pi))).isEqualTo("Adatum IT Services");
    assertThat(RESELLER_PARTNER_ID.from(vars(pi))).isEqualTo(RESELLER_ADATUM_PARTNER_ID);
  }

  @Test
  void skippingTheResellerWithAForgedIndirectProviderEndsInResellerSelection() {
    ProcessInstance pi = driver.start(spanishAccountInfo(prefix));
    VariableMap submitted = Variables.createVariables();
    AGREEMENT_DECISION.putIn(submitted, Decisions.AGREEMENT_CONFIRM);
    AGREEMENT_ACCEPTED.putIn(submitted, true);
    AGREEMENT_DATE_ACCEPTED.putIn(submitted, TODAY.toString());
    INDIRECT_PROVIDER.putIn(submitted, false);
    driver.confirmAgreement(pi, submitted);
    assertThat(pi).as("the forged flag skips the selection").isWaitingAt(Ids.SELECT_SUBSCRIPTIONS);
    driver.selectSubscriptions(pi, E3_WITH_TEAMS_PHONE);
    Map<String, Long> before = registryRows();

    driver.review(pi, Decisions.REVIEW_SUBMIT);

    assertThat(pi).isWaitingAt(Ids.SELECT_RESELLER).hasPassed(Ids.BOUNDARY_RESELLER_INVALID_ON_SUBMIT);
    assertThat(brokenRules(RESELLER_ERRORS, vars(pi))).containsExactly("resellerId/required");
    assertThat(registryRows()).isEqualTo(before);
  }

  // --- consent ----------------------------------------------------------------------------------

  @Test
  void aConsentForgedAfterItsCheckReturnsToTheAgreementAndWritesNothing() {
    ProcessInstance pi = atReview();
    VariableMap forged = Variables.createVariables();
    AGREEMENT_ACCEPTED.putIn(forged, false);
    AGREEMENT_DATE_ACCEPTED.putIn(forged, "1990-01-01");
    forge(pi, forged);
    Map<String, Long> before = registryRows();

    driver.review(pi, Decisions.REVIEW_SUBMIT);

    assertThat(pi).isWaitingAt(Ids.CONFIRM_CUSTOMER_AGREEMENT)
        .hasPassed(Ids.CREATE_CUSTOMER, Ids.BOUNDARY_CONSENT_INVALID_ON_SUBMIT).hasNotPassed(Ids.PROVISION_SUBSCRIPTIONS);
    assertThat(brokenRules(AGREEMENT_ERRORS, vars(pi)))
        .containsExactly("agreementAccepted/not-accepted", "agreementDateAccepted/before-agreement-version");
    assertThat(registryRows()).isEqualTo(before);

    driver.advanceToReview(pi, E3_WITH_TEAMS_PHONE);
    driver.review(pi, Decisions.REVIEW_SUBMIT);

    assertThat(pi).isWaitingAt(Ids.PROVISION_SUBSCRIPTIONS);
    assertThat(customers.attestations(CUSTOMER_ID.from(vars(pi)))).singleElement()
        .satisfies(a -> assertThat(a.dateAccepted()).isEqualTo(TODAY));
  }

  @Test
  void theAttestationNamesWhoCompletedTheConsentTaskWhateverAttestedBySays() {
    ProcessInstance pi = driver.start(spanishAccountInfo(prefix));
    VariableMap submitted = Variables.createVariables();
    AGREEMENT_DECISION.putIn(submitted, Decisions.AGREEMENT_CONFIRM);
    AGREEMENT_ACCEPTED.putIn(submitted, true);
    AGREEMENT_DATE_ACCEPTED.putIn(submitted, TODAY.toString());
    String confirmTask = driver.task(pi, Ids.CONFIRM_CUSTOMER_AGREEMENT).getId();
    identityService.setAuthentication(OTTO, List.of(OPERATORS));
    try {
      taskService.complete(confirmTask, submitted);
    } finally {
      identityService.clearAuthentication();
    }
    driver.selectReseller(pi, RESELLER_ADATUM);
    driver.selectSubscriptions(pi, E3_WITH_TEAMS_PHONE);
    VariableMap forged = Variables.createVariables();
    ATTESTED_BY.putIn(forged, "someone-else");
    ATTESTED_AT.putIn(forged, "2020-01-01T00:00:00Z");
    forge(pi, forged);
    Instant later = NOW.plusSeconds(7200);
    setClock(later);

    driver.review(pi, Decisions.REVIEW_SUBMIT); // as the operator, the initiator

    assertThat(pi).isWaitingAt(Ids.PROVISION_SUBSCRIPTIONS);
    List<AgreementAttestation> attestations = customers.attestations(CUSTOMER_ID.from(vars(pi)));
    assertThat(attestations).singleElement().satisfies(a -> {
      assertThat(a.attestedBy()).isEqualTo(OTTO);
      assertThat(a.attestedAt()).as("when the consent task ended, not the review").isEqualTo(NOW);
    });
    assertThat(ATTESTED_BY.from(vars(pi))).isEqualTo(OTTO);
  }

  @Test
  void aConsentTaskCompletedWithoutASignedInUserIsNotAnAttestation() {
    ProcessInstance pi = driver.start(spanishAccountInfo(prefix));
    VariableMap submitted = Variables.createVariables();
    AGREEMENT_DECISION.putIn(submitted, Decisions.AGREEMENT_CONFIRM);
    AGREEMENT_ACCEPTED.putIn(submitted, true);
    AGREEMENT_DATE_ACCEPTED.putIn(submitted, TODAY.toString());
    // Engine code without authentication: nobody the history could name
    taskService.complete(driver.task(pi, Ids.CONFIRM_CUSTOMER_AGREEMENT).getId(), submitted);
    driver.selectReseller(pi, RESELLER_ADATUM);
    driver.selectSubscriptions(pi, E3_WITH_TEAMS_PHONE);
    Map<String, Long> before = registryRows();

    driver.review(pi, Decisions.REVIEW_SUBMIT);

    assertThat(pi).isWaitingAt(Ids.CONFIRM_CUSTOMER_AGREEMENT).hasPassed(Ids.BOUNDARY_CONSENT_INVALID_ON_SUBMIT);
    assertThat(brokenRules(AGREEMENT_ERRORS, vars(pi))).containsExactly("attestedBy/not-confirmed-by-user");
    assertThat(registryRows()).isEqualTo(before);

    driver.advanceToReview(pi, E3_WITH_TEAMS_PHONE);
    driver.review(pi, Decisions.REVIEW_SUBMIT);

    assertThat(pi).isWaitingAt(Ids.PROVISION_SUBSCRIPTIONS);
    assertThat(customers.attestations(CUSTOMER_ID.from(vars(pi)))).singleElement()
        .satisfies(a -> assertThat(a.attestedBy()).isEqualTo(OPERATOR));
  }

  // --- provisioning -----------------------------------------------------------------------------

  @Test
  void provisioningOrdersForTheCustomerTheInstanceCreatedNotForAForgedCustomerId() {
    ProcessInstance pi = atReview();
    driver.review(pi, Decisions.REVIEW_SUBMIT);
    String customerId = CUSTOMER_ID.from(vars(pi));
    forge(pi, CUSTOMER_ID.putIn(Variables.createVariables(), FABRIKAM_CUSTOMER_ID));

    driver.executeJob(pi, Ids.PROVISION_SUBSCRIPTIONS);

    assertThat(pi).isWaitingAt(Ids.SEND_WELCOME_EMAIL);
    assertThat(provisioning.subscriptions(customerId)).hasSize(2);
    assertThat(provisioning.subscriptions(FABRIKAM_CUSTOMER_ID)).isEmpty();
  }

  // --- helpers ----------------------------------------------------------------------------------

  /** A valid indirect onboarding waiting in the review (reseller Adatum, E3 with Teams Phone). */
  private ProcessInstance atReview() {
    ProcessInstance pi = driver.start(spanishAccountInfo(prefix));
    driver.advanceToReview(pi, E3_WITH_TEAMS_PHONE);
    assertThat(pi).isWaitingAt(Ids.REVIEW);
    return pi;
  }

  /** Writes variables into the instance outside any form, as the engine API allows. */
  private void forge(ProcessInstance pi, VariableMap variables) {
    runtimeService.setVariables(pi.getId(), variables);
  }

  private Map<String, Object> vars(ProcessInstance pi) {
    return runtimeService.getVariables(pi.getId());
  }

  private Map<String, Long> registryRows() {
    Map<String, Long> rows = new LinkedHashMap<>();
    for (String table : REGISTRY_TABLES) {
      rows.put(table, jdbc.sql("select count(*) from " + table).query(Long.class).single());
    }
    return rows;
  }
}
