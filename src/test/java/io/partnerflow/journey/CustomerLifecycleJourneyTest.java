package io.partnerflow.journey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.partnerflow.journey.Mailbox.Mail;
import io.partnerflow.onboarding.OnboardingProcess;
import io.partnerflow.relationship.EndRelationshipProcess;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.junit.jupiter.api.MethodOrderer.OrderAnnotation;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * One customer's life, as the README walks it: an operator onboards it in Tasklist through every
 * correction loop, the contact gets the welcome mail, a second onboarding of the same domain is
 * told it is ours already, and the relationship is ended from the customer pages (kept once, then
 * ended). The steps build on each other, so they run in order on one customer.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(OrderAnnotation.class)
class CustomerLifecycleJourneyTest extends JourneyTestBase {

  /** A password, not the text shown before the claim ("shown once you have claimed this task"). */
  private static final Pattern PASSWORD = Pattern.compile("Temporary password:\\s*(?!shown once)(\\S{12,})");

  private final String prefix = uniquePrefix("lifecycle");
  private final String company = "Contoso Iberia " + prefix + " S.L.";
  private final String contactEmail = "lucia.garcia@" + prefix + ".example";
  /** The later steps need the customer the first one onboards. */
  private boolean onboarded;

  @Test
  @Order(1)
  void operatorOnboardsACustomerThroughEveryCorrectionLoop() {
    Tasklist tasklist = operatorInTasklist();
    StartDialog start = tasklist.startProcess("Add a new customer");
    start.form()
        .type("Company legal name", company)
        .type("Domain prefix", prefix)
        .type("Address line 1", "Calle Mayor 1")
        .type("City", "Madrid")
        .type("Postal code", "2801")
        .choose("Country", "Spain (ES)")
        .choose("Culture", "es-ES — Spanish (Spain)")
        .choose("Language", "Spanish (es)")
        .type("First name", "Lucía")
        .type("Last name", "García")
        .type("Email", contactEmail)
        .type("Phone", "+34 915 123 456");
    start.start();

    // A postal code Spain does not have: the correction task says so in words, with the field's label
    TaskView edit = tasklist.openTask("Edit account info", company).claim();
    String errors = edit.form().section("Please correct the following");
    assertThat(errors).contains("Postal code '2801'", "ES").doesNotContain("postalCode", "postal-code-format", "`");
    edit.form().type("Postal code", "28013");
    edit.complete();

    TaskView agreement = tasklist.openTask("Confirm customer agreement", company).claim();
    agreement.form().pick("Decision", "Customer accepted the agreement — continue");
    assertThat(agreement.form().value("Signer first name")).as("prefilled from the contact").isEqualTo("Lucía");
    assertThat(agreement.form().value("Signer email")).isEqualTo(contactEmail);
    agreement.form()
        .check("The customer accepted the Microsoft Customer Agreement", true)
        .date("Date accepted (mm/dd/yyyy)", LocalDate.now(ZoneOffset.UTC).minusDays(3));
    agreement.complete();

    TaskView reseller = tasklist.openTask("Select indirect reseller", company).claim();
    reseller.form().choose("Indirect reseller", "Adatum IT Services (5100231, ES)");
    reseller.complete();

    // An order the catalog refuses: an add-on without its base, and too many licenses
    TaskView subscriptions = tasklist.openTask("Select subscriptions", company).claim();
    subscriptions.form()
        .choose("Line 1: offer", "Teams Phone Standard (1–10000 licenses, add-on)")
        .type("Line 1: licenses", "10")
        .choose("Line 2: offer", "Azure plan (1–1 licenses)")
        .type("Line 2: licenses", "3");
    subscriptions.complete();

    subscriptions = tasklist.openTask("Select subscriptions", company).claim();
    assertThat(subscriptions.form().section("Please correct the following")).contains(
        "Line 1: Teams Phone Standard is an add-on; add Office 365 E3 to the same order.",
        "Line 2: Azure plan takes exactly 1 license, not 3.");
    assertThat(subscriptions.form().value("Line 1: licenses")).as("the lines come back as entered").isEqualTo("10");
    subscriptions.form()
        .type("Line 2: licenses", "1")
        .choose("Line 3: offer", "Office 365 E3 (1–10000 licenses)")
        .type("Line 3: licenses", "25");
    subscriptions.complete();

    TaskView review = tasklist.openTask("Review", company).claim();
    assertThat(review.form().text()).contains(company, prefix + ".onmicrosoft.com", "Calle Mayor 1", "28013 Madrid",
        "Adatum IT Services", "Teams Phone Standard", "Azure plan", "Office 365 E3", "Lucía García");
    review.form().pick("Decision", "Update account info");
    review.complete();

    edit = tasklist.openTask("Edit account info", company).claim();
    assertThat(edit.form().showsSection("Please correct the following")).as("no errors this time").isFalse();
    edit.form().type("Address line 2", "Planta 3");
    edit.complete();

    // Account info valid again: straight back to the review, not through the agreement
    review = tasklist.openTask("Review", company).claim();
    assertThat(review.form().text()).contains("Calle Mayor 1, Planta 3");
    review.form().pick("Decision", "Update subscriptions");
    review.complete();

    subscriptions = tasklist.openTask("Select subscriptions", company).claim();
    assertThat(subscriptions.form().showsSection("Please correct the following")).isFalse();
    assertThat(subscriptions.form().value("Line 3: licenses")).isEqualTo("25");
    subscriptions.form().type("Line 3: licenses", "30");
    subscriptions.complete();

    review = tasklist.openTask("Review", company).claim();
    assertThat(review.form().text()).contains("Office 365 E3").containsPattern("Office 365 E3\\s+30");
    review.form().pick("Decision", "Submit — create the customer and order the subscriptions");
    review.complete();

    // Provisioning and the welcome mail run as jobs; then the credentials are shown to whoever claims the task
    TaskView handOver = tasklist.openTask("Hand over admin credentials", company);
    assertThat(handOver.form().text()).contains("Temporary password: shown once you have claimed this task");
    handOver.claim();
    // Our Tasklist plugin reloads the claimed task once, so its form is loaded for its assignee
    TaskView claimed = new TaskView(browser, "Hand over admin credentials");
    browser.until(d -> PASSWORD.matcher(claimed.form().text()).find());
    String shown = claimed.form().text();
    assertThat(shown).contains("admin@" + prefix + ".onmicrosoft.com");
    Matcher password = PASSWORD.matcher(shown);
    assertThat(password.find()).as("a temporary password in: %s", shown).isTrue();
    claimed.form().check("I have passed the temporary password to the customer's admin", true);
    claimed.complete();

    HistoricProcessInstance onboarding = registry.instance(OnboardingProcess.PROCESS_KEY, prefix);
    assertThat(registry.endEvent(onboarding.getId())).isEqualTo(OnboardingProcess.Ids.END_CUSTOMER_ONBOARDED);
    assertThat(registry.passed(onboarding.getId(), OnboardingProcess.Ids.BOUNDARY_ACCOUNT_INFO_INVALID)).isTrue();
    assertThat(registry.passed(onboarding.getId(), OnboardingProcess.Ids.BOUNDARY_ORDER_INVALID)).isTrue();
    Registry.Customer customer = registry.awaitCustomer(prefix, "RESELLER");
    assertThat(customer.companyName()).isEqualTo(company);
    assertThat(customer.addressLine2()).isEqualTo("Planta 3");
    assertThat(registry.subscriptions(customer.id())).containsExactlyInAnyOrder(
        "AZURE-PLAN x1 ACTIVE", "O365-E3 x30 ACTIVE", "TEAMS-PHONE-STANDARD x10 ACTIVE");
    assertThat(registry.attestationSigners(customer.id())).containsExactly(contactEmail + " by " + OPERATOR);

    // The contact's welcome mail, in Spanish, without the password
    Mail welcome = Mailbox.open(browser).openNewest(contactEmail, "Su cuenta en la nube de Microsoft para " + company);
    assertThat(welcome.htmlLanguage()).isEqualTo("es");
    assertThat(welcome.htmlText()).contains(company, "admin@" + prefix + ".onmicrosoft.com")
        .doesNotContain(password.group(1)).doesNotContain("ACEPTO");
    onboarded = true;
  }

  @Test
  @Order(2)
  void onboardingTheSameDomainAgainTellsTheOperatorItIsOursAlready() {
    assumeTrue(onboarded, "the customer was not onboarded");
    Tasklist tasklist = operatorInTasklist();
    StartDialog start = tasklist.startProcess("Add a new customer");
    start.form()
        .type("Company legal name", company + " (again)")
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

    TaskView note = tasklist.openTask("Existing customer: already ours", company + " (again)");
    assertThat(note.form().text()).contains(prefix + ".onmicrosoft.com", company, "We are already its reseller")
        .doesNotContain("An invitation to connect was sent");
    assertThat(note.form().link("Open its customer page").getAttribute("href"))
        .endsWith("/customers/" + registry.customer(prefix).orElseThrow().id());
    note.complete();

    HistoricProcessInstance second = registry.instance(OnboardingProcess.PROCESS_KEY, prefix);
    assertThat(registry.endEvent(second.getId())).isEqualTo(OnboardingProcess.Ids.END_EXISTING_CUSTOMER);
    assertThat(registry.instances(OnboardingProcess.PROCESS_KEY, prefix)).hasSize(2);
  }

  @Test
  @Order(3)
  void operatorKeepsTheRelationshipOnceThenEndsIt() {
    assumeTrue(onboarded, "the customer was not onboarded");
    Tasklist tasklist = operatorInTasklist();
    CustomerPages customer = CustomerPages.list(browser).open(prefix, company);
    String customerId = customer.customerIdFromUrl();
    // What the operator reads about the onboarded customer, in words
    assertThat(customer.section("account-heading")).contains("By onboarding: we created the tenant", OPERATOR,
        "Calle Mayor 1", "Planta 3", "admin@" + prefix + ".onmicrosoft.com");
    assertThat(customer.section("contact-heading")).contains("Lucía García", contactEmail, "Reseller relationship",
        "Adatum IT Services");
    assertThat(customer.section("history-heading")).contains("Onboarded: we created the tenant");
    assertThat(customer.section("attestations-heading")).contains("Microsoft Customer Agreement", "Lucía García")
        .doesNotContain("MicrosoftCustomerAgreement");
    assertThat(customer.section("subscriptions-heading")).contains("Office 365 E3", "30", "Active");
    assertThat(customer.page()).doesNotContain("Version 0", "RESELLER", "ACTIVE");

    // Started from Tasklist with the id copied from the page; the operator then keeps the relationship
    StartDialog start = Tasklist.open(browser).startProcess("End a customer relationship");
    start.form().type("Customer ID", customerId).type("Reason", "Customer asked to compare offers");
    start.start();
    TaskView confirm = tasklist.openTask("Confirm suspension", company).claim();
    assertThat(confirm.form().text()).contains("Office 365 E3", "Azure plan", "Teams Phone Standard",
        "Customer asked to compare offers");
    confirm.form().pick("Decision", "Keep the relationship");
    confirm.complete();
    HistoricProcessInstance kept = registry.instance(EndRelationshipProcess.PROCESS_KEY, prefix);
    assertThat(registry.endEvent(kept.getId())).isEqualTo(EndRelationshipProcess.Ids.END_CANCELLED);
    assertThat(registry.customer(prefix).orElseThrow().relationship()).isEqualTo("RESELLER");

    // Then from the customer page, and this time the subscriptions are suspended
    customer = CustomerPages.list(browser).open(prefix, company);
    assertThat(customer.endRelationship("Moved to another partner")).contains("started");
    confirm = Tasklist.open(browser).openTask("Confirm suspension", company).claim();
    confirm.form().pick("Decision", "Suspend these subscriptions and end the relationship");
    confirm.complete();

    registry.awaitCustomer(prefix, "NONE");
    HistoricProcessInstance ended = registry.instance(EndRelationshipProcess.PROCESS_KEY, prefix);
    assertThat(registry.endEvent(ended.getId())).isEqualTo(EndRelationshipProcess.Ids.END_RELATIONSHIP_ENDED);
    assertThat(registry.subscriptions(registry.customer(prefix).orElseThrow().id()))
        .allSatisfy(subscription -> assertThat(subscription).endsWith("SUSPENDED"));
    Mail notice = Mailbox.open(browser).openNewest(contactEmail, company);
    assertThat(notice.subject()).startsWith("Northwind Cloud Partners ya no es el revendedor de Microsoft de");
    assertThat(notice.htmlLanguage()).isEqualTo("es");
    customer = CustomerPages.list(browser).open(prefix, company);
    assertThat(customer.offersEndRelationship()).isFalse();
  }
}
