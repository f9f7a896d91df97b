package io.partnerflow.journey;

import static org.assertj.core.api.Assertions.assertThat;

import io.partnerflow.onboarding.OnboardingProcess;
import io.partnerflow.partnercenter.ApiModeSettings;
import io.partnerflow.partnercenter.fake.DemoOfferCatalog;
import io.partnerflow.partnercenter.fake.FakeMicrosoft;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * An onboarding in Tasklist with {@code partnerflow.partner-center.mode=api}, against the fake Partner
 * Center on its own port: Microsoft refuses one offer, the operator reads why in "Select subscriptions"
 * and replaces it, and the hand-over shows the tenant and the password Partner Center returned.
 */
class ApiModeOnboardingJourneyTest extends JourneyTestBase {

  static final FakeMicrosoft fake = new FakeMicrosoft();

  @DynamicPropertySource
  static void partnerCenter(DynamicPropertyRegistry registry) {
    ApiModeSettings.register(registry, fake);
  }

  @AfterAll
  static void stopFake() {
    fake.close();
  }

  @Test
  void operatorReplacesTheOfferMicrosoftRefusedAndHandsOverPartnerCentersPassword() {
    fake.unavailableCatalogItems.add(DemoOfferCatalog.catalogItemId("TEAMS-PHONE-STANDARD"));
    String prefix = uniquePrefix("pcapi");
    String company = "Contoso Ibérica " + prefix;
    String contactEmail = "lucia@" + prefix + ".example";
    Tasklist tasklist = operatorInTasklist();
    StartDialog start = tasklist.startProcess("Add a new customer");
    start.form()
        .type("Company legal name", company)
        .type("Domain prefix", prefix)
        .type("Address line 1", "Calle Mayor 1")
        .type("City", "Madrid")
        .type("Postal code", "28013")
        .choose("Country", "Spain (ES)")
        .choose("Culture", "es-ES — Spanish (Spain)")
        .choose("Language", "Spanish (es)")
        .type("First name", "Lucía")
        .type("Last name", "García")
        .type("Email", contactEmail);
    start.start();

    TaskView agreement = tasklist.openTask("Confirm customer agreement", company).claim();
    agreement.form().pick("Decision", "Customer accepted the agreement — continue");
    agreement.form()
        .check("The customer accepted the Microsoft Customer Agreement", true)
        .date("Date accepted (mm/dd/yyyy)", LocalDate.now(ZoneOffset.UTC).minusDays(1));
    agreement.complete();

    TaskView reseller = tasklist.openTask("Select indirect reseller", company).claim();
    reseller.form().choose("Indirect reseller", "Adatum IT Services (5100231, ES)");
    reseller.complete();

    TaskView subscriptions = tasklist.openTask("Select subscriptions", company).claim();
    subscriptions.form()
        .choose("Line 1: offer", "Office 365 E3 (1–10000 licenses)")
        .type("Line 1: licenses", "25")
        .choose("Line 2: offer", "Teams Phone Standard (1–10000 licenses, add-on)")
        .type("Line 2: licenses", "10");
    subscriptions.complete();

    TaskView review = tasklist.openTask("Review", company).claim();
    review.form().pick("Decision", "Submit — create the customer and order the subscriptions");
    review.complete();

    // Provisioning runs as a job: the tenant is created, E3 bought, Teams Phone refused by Microsoft
    subscriptions = tasklist.openTask("Select subscriptions", company).claim();
    assertThat(subscriptions.form().section("Please correct the following")).contains(
        "Partner Center will not sell TEAMS-PHONE-STANDARD to this customer", "is not available to this customer",
        "Subscriptions already bought stay");
    subscriptions.form()
        .choose("Line 2: offer", "Exchange Online (Plan 1) (1–10000 licenses)")
        .type("Line 2: licenses", "12");
    assertThat(subscriptions.form().value("Line 2: licenses")).isEqualTo("12");
    subscriptions.complete();

    review = tasklist.openTask("Review", company).claim();
    review.form().pick("Decision", "Submit — create the customer and order the subscriptions");
    review.complete();

    String tenantId = Registry.await("the tenant at the fake", () -> fake.customerByDomain(prefix + ".onmicrosoft.com"))
        .path("id").asText();
    TaskView handOver = tasklist.openTask("Hand over admin credentials", company);
    assertThat(handOver.form().text()).contains("Temporary password: shown once you have claimed this task");
    handOver.claim();
    // Our Tasklist plugin reloads the claimed task once, so its form is loaded for its assignee
    TaskView claimed = new TaskView(browser, "Hand over admin credentials");
    browser.until(d -> claimed.form().text().contains("Temporary password: Pc!"));
    String shown = claimed.form().text();
    assertThat(shown).contains("Microsoft tenant ID: " + tenantId, "admin@" + prefix + ".onmicrosoft.com",
        "Temporary password: Pc!" + tenantId.substring(0, 8));
    claimed.form().check("I have passed the temporary password to the customer's admin", true);
    claimed.complete();

    HistoricProcessInstance onboarding = registry.instance(OnboardingProcess.PROCESS_KEY, prefix);
    assertThat(registry.endEvent(onboarding.getId())).isEqualTo(OnboardingProcess.Ids.END_CUSTOMER_ONBOARDED);
    assertThat(registry.passed(onboarding.getId(), OnboardingProcess.Ids.BOUNDARY_ORDER_REJECTED_BY_PARTNER_CENTER))
        .isTrue();
    Registry.Customer customer = registry.awaitCustomer(prefix, "RESELLER");
    assertThat(registry.subscriptions(customer.id())).containsExactlyInAnyOrder(
        "O365-E3 x25 ACTIVE", "EXCHANGE-ONLINE-P1 x12 ACTIVE");
    assertThat(fake.requests("pc", "POST", "/v1/customers")).hasSize(1);
    assertThat(fake.subscriptions).hasSize(2);
  }
}
