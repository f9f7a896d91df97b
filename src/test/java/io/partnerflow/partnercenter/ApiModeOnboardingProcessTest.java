package io.partnerflow.partnercenter;

import static io.partnerflow.onboarding.OnboardingDriver.*;
import static io.partnerflow.onboarding.OnboardingProcess.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import com.fasterxml.jackson.databind.JsonNode;

import io.partnerflow.catalog.OrderLineInput;
import io.partnerflow.customer.CustomerRegistry;
import io.partnerflow.onboarding.AdminPasswordHandOver;
import io.partnerflow.onboarding.OnboardingDriver;
import io.partnerflow.onboarding.OnboardingProcess.Decisions;
import io.partnerflow.onboarding.OnboardingProcess.Ids;
import io.partnerflow.partnercenter.fake.DemoOfferCatalog;
import io.partnerflow.partnercenter.fake.FakeMicrosoft;
import io.partnerflow.partnercenter.fake.FakeRequest;
import io.partnerflow.provisioning.CustomerTenants;
import io.partnerflow.provisioning.PartnerCenterCall;
import io.partnerflow.provisioning.ProvisioningService;
import io.partnerflow.provisioning.SubscriptionRecord;
import io.partnerflow.referral.NewReferral;
import io.partnerflow.referral.Referral;
import io.partnerflow.referral.ReferralDriver;
import io.partnerflow.referral.ReferralIntake;
import io.partnerflow.referral.ReferralProcess;
import io.partnerflow.referral.ReferralRegistry;
import java.time.Duration;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.annotation.DirtiesContext.ClassMode;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * "Add a new customer" with {@code partnerflow.partner-center.mode=api} against the fake Partner
 * Center: the exact requests each step sends (count, body, headers), what the registry records from
 * the answers, and each fault: business refusal, 429, 5xx, an answer lost after the work was done.
 */
@SpringBootTest
@DirtiesContext(classMode = ClassMode.AFTER_CLASS)
class ApiModeOnboardingProcessTest {

  static final FakeMicrosoft fake = new FakeMicrosoft();

  @DynamicPropertySource
  static void partnerCenter(DynamicPropertyRegistry registry) {
    ApiModeSettings.register(registry, fake);
  }

  @AfterAll
  static void stopFake() {
    fake.close();
  }

  @Autowired ProcessEngine processEngine;
  @Autowired RuntimeService runtimeService;
  @Autowired TaskService taskService;
  @Autowired ManagementService managementService;
  @Autowired CustomerRegistry customers;
  @Autowired CustomerTenants tenants;
  @Autowired ProvisioningService provisioning;
  @Autowired AdminPasswordHandOver adminPasswords;
  @Autowired ReferralIntake intake;
  @Autowired ReferralRegistry referralRegistry;

  OnboardingDriver driver;
  String prefix;

  @BeforeEach
  void setUp() {
    BpmnAwareTests.init(processEngine);
    fixEngineClock();
    driver = new OnboardingDriver(processEngine);
    prefix = uniqueDomainPrefix("contoso");
    fake.reset();
  }

  @AfterEach
  void tearDown() {
    processEngine.getIdentityService().clearAuthentication();
    ClockUtil.reset();
  }

  String domain() {
    return prefix + ".onmicrosoft.com";
  }

  ProcessInstance submitted() {
    ProcessInstance pi = driver.start(spanishAccountInfo(prefix));
    driver.advanceToReview(pi, E3_WITH_TEAMS_PHONE);
    driver.review(pi, Decisions.REVIEW_SUBMIT);
    assertThat(runtimeService.getActiveActivityIds(pi.getId())).containsExactly(Ids.PROVISION_SUBSCRIPTIONS);
    return pi;
  }

  List<FakeRequest> pc(String method, String pathRegex) {
    return fake.requests("pc", method, pathRegex);
  }

  // --- the whole onboarding ----------------------------------------------------------------------

  @Test
  void onboardingCreatesTheTenantAttestsTheAgreementOrdersThroughCartsAndHandsOverPartnerCentersPassword()
      throws Exception {
    ProcessInstance pi = submitted();
    // The domain was checked at the start and again at submit; nothing was created while the operator waited
    assertThat(pc("HEAD", "/v1/domains/" + domain())).hasSize(2);
    assertThat(pc("POST", "/v1/customers.*")).isEmpty();

    driver.executeJob(pi, Ids.PROVISION_SUBSCRIPTIONS);

    // The tenant: one POST /v1/customers with Microsoft's field names
    List<FakeRequest> creates = pc("POST", "/v1/customers");
    assertThat(creates).hasSize(1);
    JsonNode customer = creates.get(0).body();
    assertThat(customer.path("CompanyProfile").path("Domain").asText()).isEqualTo(domain());
    assertThat(customer.path("BillingProfile").path("CompanyName").asText()).isEqualTo("Contoso Ibérica " + prefix);
    assertThat(customer.path("BillingProfile").path("Culture").asText()).isEqualTo("es-ES");
    assertThat(customer.path("BillingProfile").path("Language").asText()).isEqualTo("es");
    assertThat(customer.path("BillingProfile").path("Email").asText()).isEqualTo("lucia.garcia@" + prefix + ".example");
    JsonNode address = customer.path("BillingProfile").path("DefaultAddress");
    assertThat(address.path("Country").asText()).isEqualTo("ES");
    assertThat(address.path("City").asText()).isEqualTo("Madrid");
    assertThat(address.path("AddressLine1").asText()).isEqualTo("Calle de Alcalá 21");
    assertThat(address.path("PostalCode").asText()).isEqualTo("28013");
    assertThat(address.path("FirstName").asText()).isEqualTo("Lucía");
    assertThat(customer.path("AssociatedPartnerId").asText()).isEqualTo(RESELLER_ADATUM_PARTNER_ID);
    String tenantId = fake.customerByDomain(domain()).orElseThrow().path("id").asText();
    String customerId = driver.customerId(pi);
    assertThat(tenants.tenantOf(customerId)).contains(tenantId);
    assertThat(runtimeService.getVariable(pi.getId(), MICROSOFT_TENANT_ID.name())).isEqualTo(tenantId);

    // The agreement: the MCA template, then the acceptance the registry attests
    assertThat(pc("GET", "/v1/agreements")).hasSize(1);
    List<FakeRequest> agreements = pc("POST", "/v1/customers/" + tenantId + "/agreements");
    assertThat(agreements).hasSize(1);
    JsonNode agreement = agreements.get(0).body();
    assertThat(agreement.path("templateId").asText()).isEqualTo("117a1c5a-7b4d-4d1a-9f1c-2f2c8b5a7e10");
    assertThat(agreement.path("type").asText()).isEqualTo("MicrosoftCustomerAgreement");
    assertThat(agreement.path("dateAgreed").asText()).startsWith(TODAY.toString());
    assertThat(agreement.path("primaryContact").path("email").asText()).isEqualTo("lucia.garcia@" + prefix + ".example");
    assertThat(agreement.path("primaryContact").path("firstName").asText()).isEqualTo("Lucía");

    // The order: one cart and one checkout per line, the reseller as transaction_reseller
    List<FakeRequest> carts = pc("POST", "/v1/customers/" + tenantId + "/carts");
    assertThat(carts).hasSize(2);
    assertThat(carts).extracting(r -> r.body().path("lineItems").path(0).path("catalogItemId").asText())
        .containsExactly(DemoOfferCatalog.catalogItemId("O365-E3"), DemoOfferCatalog.catalogItemId("TEAMS-PHONE-STANDARD"));
    assertThat(carts).extracting(r -> r.body().path("lineItems").path(0).path("quantity").asInt()).containsExactly(25, 10);
    assertThat(carts).allSatisfy(r -> {
      JsonNode line = r.body().path("lineItems").path(0);
      String offer = line.path("catalogItemId").asText().equals(DemoOfferCatalog.catalogItemId("O365-E3"))
          ? "O365-E3" : "TEAMS-PHONE-STANDARD";
      assertThat(line.path("termDuration").asText()).isEqualTo(DemoOfferCatalog.ITEMS.get(offer)[1]);
      assertThat(line.path("billingCycle").asText()).isEqualTo(DemoOfferCatalog.ITEMS.get(offer)[2]);
      assertThat(line.path("participants").path(0).path("key").asText()).isEqualTo("transaction_reseller");
      assertThat(line.path("participants").path(0).path("value").asText()).isEqualTo(RESELLER_ADATUM_PARTNER_ID);
    });
    assertThat(pc("POST", "/v1/customers/" + tenantId + "/carts/[^/]+/checkout")).hasSize(2);
    Set<String> ordered = fake.subscriptions.keySet();
    assertThat(provisioning.subscriptions(customerId)).extracting(SubscriptionRecord::id)
        .containsExactlyInAnyOrderElementsOf(ordered).hasSize(2);

    // Every call: a bearer token, its own request id, this instance's correlation id, the contract version
    List<FakeRequest> all = fake.requests().stream().filter(r -> r.api().equals("pc")).toList();
    String correlation = new PartnerCenterCall("any", pi.getId()).correlationId().toString();
    List<FakeRequest> provisioningCalls = all.stream().filter(r -> !r.method().equals("HEAD")).toList();
    assertThat(provisioningCalls).hasSize(1 + 1 + 1 + 1 + 2 + 2); // find, create, template, agreement, carts, checkouts
    assertThat(provisioningCalls).allSatisfy(r -> {
      assertThat(r.header("MS-CorrelationId")).isEqualTo(correlation);
      assertThat(r.header("MS-Contract-Version")).isEqualTo("v1");
      assertThat(r.header("Authorization")).startsWith("Bearer fake-access-partner-center-");
    });
    assertThat(provisioningCalls.stream().map(FakeRequest::requestId).collect(Collectors.toSet()))
        .hasSize(provisioningCalls.size());
    // One token for all of it: cached until it expires
    assertThat(fake.tokensIssued()).isEqualTo(1);

    // Welcome mail, then the hand-over shows the password Partner Center returned, and forgets it after
    driver.executeJob(pi, Ids.SEND_WELCOME_EMAIL);
    String taskId = driver.task(pi, Ids.HAND_OVER_CREDENTIALS).getId();
    assertThat(adminPasswords.passwordFor(taskId, pi.getId())).isEqualTo("Pc!" + tenantId.substring(0, 8));
    assertThat(runtimeService.getVariable(pi.getId(), ADMIN_USER_NAME.name())).isEqualTo("admin@" + domain());
    driver.handOverCredentials(pi);
    assertThat(pi).isEnded().hasPassed(Ids.END_CUSTOMER_ONBOARDED);
    assertThat(tenants.adminCredentials(customerId)).isEmpty();
  }

  // --- the domain ---------------------------------------------------------------------------------

  @Test
  void aDomainTakenAtMicrosoftTakesTheExistingCustomerPathAndInvitesInsteadOfCreating() {
    fake.foreignDomains.add(domain());

    ProcessInstance pi = driver.start(spanishAccountInfo(prefix));

    assertThat(pi).hasPassed(Ids.BOUNDARY_DOMAIN_TAKEN, "Task_RequestRelationship");
    assertThat(pc("HEAD", "/v1/domains/" + domain())).hasSize(1);
    assertThat(pc("POST", "/v1/customers")).isEmpty();
    assertThat(customers.findIdByDomainPrefix(prefix)).isEmpty();
  }

  @Test
  void whenPartnerCenterCannotCheckTheDomainTheOnboardingGoesOnAndTheCreationDecides() {
    fake.failNext("HEAD", "/v1/domains/.*", 2, 503, null);

    ProcessInstance pi = submitted();

    assertThat(pc("HEAD", "/v1/domains/" + domain())).hasSize(2);
    assertThat(pi).isWaitingAt(Ids.PROVISION_SUBSCRIPTIONS);
  }

  // --- business refusals --------------------------------------------------------------------------

  @Test
  void aCustomerPartnerCenterRefusesIsWithdrawnAndTheOperatorCorrectsTheAccountInfoWithMicrosoftsReason() {
    ProcessInstance pi = submitted();
    String firstCustomerId = driver.customerId(pi);
    fake.rejectNext("POST", "/v1/customers", 400, "600068", "The address could not be validated: check the postal code");

    driver.executeJob(pi, Ids.PROVISION_SUBSCRIPTIONS);

    assertThat(pi).hasPassed(Ids.BOUNDARY_CUSTOMER_REJECTED_BY_PARTNER_CENTER).isWaitingAt(Ids.EDIT_ACCOUNT_INFO);
    assertThat((String) runtimeService.getVariable(pi.getId(), ACCOUNT_INFO_ERRORS.name()))
        .contains("Partner Center refused to create the customer", "postal code", "600068");
    assertThat(customers.find(firstCustomerId)).isEmpty();
    assertThat(fake.customers).isEmpty();

    // Corrected and submitted again: one tenant, created once
    var corrected = spanishAccountInfo(prefix);
    POSTAL_CODE.putIn(corrected, "28014");
    driver.editAccountInfo(pi, corrected);
    driver.review(pi, Decisions.REVIEW_SUBMIT);
    driver.executeJob(pi, Ids.PROVISION_SUBSCRIPTIONS);
    assertThat(fake.customers).hasSize(1);
    assertThat(pc("POST", "/v1/customers").get(1).body().path("BillingProfile").path("DefaultAddress")
        .path("PostalCode").asText()).isEqualTo("28014");
    assertThat(pi).isWaitingAt(Ids.SEND_WELCOME_EMAIL);
    assertThat(provisioning.subscriptions(driver.customerId(pi))).hasSize(2);
  }

  @Test
  void anOfferPartnerCenterWillNotSellGoesBackToSelectSubscriptionsAndOnlyTheReplacementIsBought() {
    fake.unavailableCatalogItems.add(DemoOfferCatalog.catalogItemId("TEAMS-PHONE-STANDARD"));
    ProcessInstance pi = submitted();
    String customerId = driver.customerId(pi);

    driver.executeJob(pi, Ids.PROVISION_SUBSCRIPTIONS);

    assertThat(pi).hasPassed(Ids.BOUNDARY_ORDER_REJECTED_BY_PARTNER_CENTER).isWaitingAt(Ids.SELECT_SUBSCRIPTIONS);
    assertThat((String) runtimeService.getVariable(pi.getId(), ORDER_ERRORS.name()))
        .contains("Partner Center will not sell TEAMS-PHONE-STANDARD", "is not available to this customer", "800038");
    // The line before it was bought and stays
    assertThat(provisioning.subscriptions(customerId)).extracting(SubscriptionRecord::offerId).containsExactly("O365-E3");

    driver.selectSubscriptions(pi, List.of(new OrderLineInput("O365-E3", 25), new OrderLineInput("EXCHANGE-ONLINE-P1", 10)));
    driver.review(pi, Decisions.REVIEW_SUBMIT);
    driver.executeJob(pi, Ids.PROVISION_SUBSCRIPTIONS);

    assertThat(pi).isWaitingAt(Ids.SEND_WELCOME_EMAIL);
    assertThat(driver.customerId(pi)).isEqualTo(customerId);
    assertThat(provisioning.subscriptions(customerId)).extracting(SubscriptionRecord::offerId)
        .containsExactly("O365-E3", "EXCHANGE-ONLINE-P1");
    assertThat(fake.subscriptions).hasSize(2);
    assertThat(pc("POST", "/v1/customers")).hasSize(1);
    assertThat(pc("POST", "/v1/customers/[^/]+/carts")).extracting(r -> r.body().path("lineItems").path(0)
        .path("catalogItemId").asText()).containsExactly(DemoOfferCatalog.catalogItemId("O365-E3"),
            DemoOfferCatalog.catalogItemId("TEAMS-PHONE-STANDARD"), DemoOfferCatalog.catalogItemId("EXCHANGE-ONLINE-P1"));
  }

  @Test
  void aRefusedAgreementGoesBackToConfirmTheAgreementAndIsSentAgainOnceCorrected() {
    ProcessInstance pi = submitted();
    String customerId = driver.customerId(pi);
    fake.rejectNext("POST", "/v1/customers/[^/]+/agreements", 400, "600074", "The primary contact's email is not valid");

    driver.executeJob(pi, Ids.PROVISION_SUBSCRIPTIONS);

    assertThat(pi).hasPassed(Ids.BOUNDARY_AGREEMENT_REJECTED_BY_PARTNER_CENTER).isWaitingAt(Ids.CONFIRM_CUSTOMER_AGREEMENT);
    assertThat((String) runtimeService.getVariable(pi.getId(), AGREEMENT_ERRORS.name()))
        .contains("Partner Center refused the customer's agreement acceptance", "email is not valid", "600074");
    assertThat(fake.subscriptions).isEmpty();

    driver.advanceToReview(pi, E3_WITH_TEAMS_PHONE);
    driver.review(pi, Decisions.REVIEW_SUBMIT);
    driver.executeJob(pi, Ids.PROVISION_SUBSCRIPTIONS);

    assertThat(pi).isWaitingAt(Ids.SEND_WELCOME_EMAIL);
    assertThat(driver.customerId(pi)).isEqualTo(customerId);
    assertThat(pc("POST", "/v1/customers/[^/]+/agreements")).hasSize(2);
    assertThat(pc("POST", "/v1/customers")).hasSize(1);
    assertThat(fake.subscriptions).hasSize(2);
  }

  // --- outages ------------------------------------------------------------------------------------

  @Test
  void aThrottledCallWaitsForRetryAfterWithoutUsingARetry() {
    ProcessInstance pi = submitted();
    fake.failNext("POST", "/v1/customers/[^/]+/carts", 1, 429, 120);
    Job before = driver.job(pi, Ids.PROVISION_SUBSCRIPTIONS);

    assertThatThrownBy(() -> managementService.executeJob(before.getId())).hasMessageContaining("429");

    Job waiting = managementService.createJobQuery().jobId(before.getId()).singleResult();
    assertThat(waiting.getRetries()).isEqualTo(before.getRetries());
    assertThat(waiting.getExceptionMessage()).contains("throttled");
    assertThat(Duration.between(ClockUtil.getCurrentTime().toInstant(), waiting.getDuedate().toInstant()))
        .isGreaterThanOrEqualTo(Duration.ofSeconds(119));

    managementService.executeJob(waiting.getId());
    assertThat(pi).isWaitingAt(Ids.SEND_WELCOME_EMAIL);
    assertThat(fake.subscriptions).hasSize(2);
    assertThat(pc("POST", "/v1/customers")).hasSize(1);
  }

  @Test
  void aServerErrorIsRetriedWithTheSameRequestIdsAndNothingIsBoughtTwice() {
    ProcessInstance pi = submitted();
    fake.failNext("POST", "/v1/customers/[^/]+/carts/[^/]+/checkout", 1, 500, null);
    Job job = driver.job(pi, Ids.PROVISION_SUBSCRIPTIONS);

    assertThatThrownBy(() -> managementService.executeJob(job.getId())).hasMessageContaining("500");
    Job failed = managementService.createJobQuery().jobId(job.getId()).singleResult();
    assertThat(failed.getRetries()).isLessThan(job.getRetries());
    ClockUtil.setCurrentTime(java.util.Date.from(failed.getDuedate().toInstant().plusSeconds(1)));
    managementService.executeJob(job.getId());

    assertThat(pi).isWaitingAt(Ids.SEND_WELCOME_EMAIL);
    // The tenant and agreement were recorded before the failure and not asked again
    assertThat(pc("POST", "/v1/customers")).hasSize(1);
    assertThat(pc("POST", "/v1/customers/[^/]+/agreements")).hasSize(1);
    // The first cart was sent twice with the same request id: Partner Center answered the same cart
    List<FakeRequest> carts = pc("POST", "/v1/customers/[^/]+/carts");
    assertThat(carts).hasSize(3);
    assertThat(carts.get(0).requestId()).isEqualTo(carts.get(1).requestId());
    assertThat(fake.subscriptions).hasSize(2);
    assertThat(provisioning.subscriptions(driver.customerId(pi))).hasSize(2);
  }

  @Test
  void aCreationWhoseAnswerWasLostIsFoundAgainNotDoneTwiceAndTheHandOverSaysThePasswordIsGone() {
    ProcessInstance pi = submitted();
    fake.answerLate("POST", "/v1/customers", 1, 3_000);
    Job job = driver.job(pi, Ids.PROVISION_SUBSCRIPTIONS);

    assertThatThrownBy(() -> managementService.executeJob(job.getId())).hasMessageContaining("did not answer");
    assertThat(fake.customers).hasSize(1);
    Job failed = managementService.createJobQuery().jobId(job.getId()).singleResult();
    ClockUtil.setCurrentTime(java.util.Date.from(failed.getDuedate().toInstant().plusSeconds(1)));
    managementService.executeJob(job.getId());

    assertThat(pc("POST", "/v1/customers")).hasSize(1);
    assertThat(fake.customers).hasSize(1);
    assertThat(tenants.tenantOf(driver.customerId(pi)))
        .contains(fake.customerByDomain(domain()).orElseThrow().path("id").asText());
    driver.executeJob(pi, Ids.SEND_WELCOME_EMAIL);
    String taskId = driver.task(pi, Ids.HAND_OVER_CREDENTIALS).getId();
    assertThat(adminPasswords.passwordFor(taskId, pi.getId())).isEqualTo(AdminPasswordHandOver.NO_PARTNER_CENTER_PASSWORD);
  }

  @Test
  void partnerCenterDownForGoodEndsInAnIncidentAfterTheRetryCycle() {
    ProcessInstance pi = submitted();
    fake.failNext("GET", "/v1/customers", 100, 503, null);
    Job job = driver.job(pi, Ids.PROVISION_SUBSCRIPTIONS);

    var cycle = driver.runUntilNoRetriesLeft(job.getId(), "503");

    assertThat(cycle.delays()).containsExactly(Duration.ofSeconds(10), Duration.ofMinutes(1), Duration.ofMinutes(5),
        Duration.ofMinutes(20));
    assertThat(runtimeService.createIncidentQuery().processInstanceId(pi.getId()).count()).isEqualTo(1);
    assertThat(pc("POST", "/v1/customers.*")).isEmpty();
  }

  // --- a won referral's onboarding ----------------------------------------------------------------

  @Test
  void aWonReferralsOnboardingCreatesTheCustomerAtMicrosoft() {
    ReferralDriver referrals = new ReferralDriver(processEngine);
    Referral referral = intake.receive(new NewReferral("Contoso Ibérica " + prefix, "Lucía", "García",
        "lucia.garcia@" + prefix + ".example", "+34 915 123 456", "ES", "es", "Move 20 mailboxes", NewReferral.SOURCE_API,
        null));
    ProcessInstance decision = referrals.instance(referral);
    referrals.accept(decision, 25_000.0, TODAY.plusDays(30));
    referrals.recordOutcome(decision, ReferralProcess.Decisions.WON);
    String onboardingId = referralRegistry.find(referral.id()).orElseThrow().onboardingProcessInstanceId();
    ProcessInstance pi = runtimeService.createProcessInstanceQuery().processInstanceId(onboardingId).singleResult();
    assertThat(pi).isWaitingAt(Ids.EDIT_ACCOUNT_INFO);

    driver.editAccountInfo(pi, spanishAccountInfo(prefix));
    driver.advanceToReview(pi, E3_WITH_TEAMS_PHONE);
    driver.review(pi, Decisions.REVIEW_SUBMIT);
    driver.executeJob(pi, Ids.PROVISION_SUBSCRIPTIONS);

    assertThat(pc("POST", "/v1/customers")).hasSize(1);
    assertThat(fake.customerByDomain(domain())).isPresent();
    assertThat(fake.subscriptions).hasSize(2);
    driver.executeJob(pi, Ids.SEND_WELCOME_EMAIL);
    driver.handOverCredentials(pi);
    assertThat(pi).isEnded().hasPassed(Ids.END_CUSTOMER_ONBOARDED);
  }
}
