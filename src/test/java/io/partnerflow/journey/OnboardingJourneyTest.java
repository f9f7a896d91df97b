package io.partnerflow.journey;

import static org.assertj.core.api.Assertions.assertThat;

import io.partnerflow.invitation.InvitationProcess;
import io.partnerflow.journey.Mailbox.Mail;
import io.partnerflow.onboarding.OnboardingProcess;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.junit.jupiter.api.Test;

/**
 * The onboarding's other ends, as an operator meets them in Tasklist: cancelling at the agreement,
 * and a domain that turns out to belong to an existing tenant. (The full happy path with every
 * correction loop is {@link CustomerLifecycleJourneyTest}.)
 */
class OnboardingJourneyTest extends JourneyTestBase {

  @Test
  void operatorCancelsAtTheAgreementAndMustSayWhy() {
    String prefix = uniquePrefix("cancel");
    String company = "Tailspin Toys " + prefix + " GmbH";
    Tasklist tasklist = operatorInTasklist();
    startGermanOnboarding(tasklist, company, prefix, "hans@" + prefix + ".example");

    TaskView agreement = tasklist.openTask("Confirm customer agreement", company).claim();
    agreement.form().pick("Decision", "Cancel this onboarding");
    assertThat(agreement.form().hasField("Date accepted (mm/dd/yyyy)")).as("agreement fields hidden").isFalse();
    // Without a reason the form refuses, naming the field
    assertThat(agreement.completeRefused()).isNotEmpty();
    assertThat(agreement.form().field("Cancellation reason").getAttribute("aria-invalid")).isEqualTo("true");

    agreement.form().type("Cancellation reason", "The customer chose to stay with its current partner");
    agreement.complete();

    HistoricProcessInstance onboarding = registry.instance(OnboardingProcess.PROCESS_KEY, prefix);
    assertThat(registry.endEvent(onboarding.getId())).isEqualTo(OnboardingProcess.Ids.END_ONBOARDING_CANCELLED);
    assertThat(registry.customer(prefix)).as("nothing written").isEmpty();
    assertThat(tasklist.shows("Confirm customer agreement", company)).isFalse();
  }

  @Test
  void existingTenantAtStartTellsTheOperatorThatAnInvitationWentOut() {
    String contact = "dana." + uniquePrefix("birkby") + "@fabrikam.example";
    String company = "Fabrikam " + uniquePrefix("again");
    Tasklist tasklist = operatorInTasklist();
    StartDialog start = tasklist.startProcess("Add a new customer");
    start.form()
        .type("Company legal name", company)
        .type("Domain prefix", "fabrikam")
        .type("Address line 1", "4567 Main Street")
        .type("City", "Buffalo")
        .type("State / province", "NY")
        .type("Postal code", "14201")
        .choose("Country", "United States (US)")
        .choose("Culture", "en-US — English (United States)")
        .choose("Language", "English (en)")
        .type("First name", "Dana")
        .type("Last name", "Birkby")
        .type("Email", contact);
    start.start();

    // Tasklist itself says what happened instead, to the operator who started it
    TaskView note = tasklist.openTask("Existing customer: invitation sent", company);
    assertThat(note.form().text()).contains("fabrikam.onmicrosoft.com", "Fabrikam, Inc.",
        "An invitation to connect was sent instead", "Dana Birkby", contact, "Follow up invitation")
        .doesNotContain("We are already its reseller");
    note.complete();

    HistoricProcessInstance onboarding = registry.instance(OnboardingProcess.PROCESS_KEY, "fabrikam");
    assertThat(registry.endEvent(onboarding.getId())).isEqualTo(OnboardingProcess.Ids.END_RELATIONSHIP_REQUESTED);
    HistoricProcessInstance invitation = registry.instance(InvitationProcess.PROCESS_KEY, "fabrikam");
    assertThat(registry.isRunning(invitation.getId())).isTrue();

    // The invitation the note speaks of, in the contact's mailbox, with its link
    Mail mail = Mailbox.open(browser).openNewest(contact, "asks to become the Microsoft reseller for " + company);
    assertThat(mail.htmlLanguage()).isEqualTo("en");
    assertThat(mail.linkHref("Review and accept")).startsWith(browser.baseUrl() + "/invitation/");
  }

  private static void startGermanOnboarding(Tasklist tasklist, String company, String prefix, String email) {
    StartDialog start = tasklist.startProcess("Add a new customer");
    start.form()
        .type("Company legal name", company)
        .type("Domain prefix", prefix)
        .type("Address line 1", "Friedrichstraße 10")
        .type("City", "Berlin")
        .type("Postal code", "10117")
        .choose("Country", "Germany (DE)")
        .choose("Culture", "de-DE — German (Germany)")
        .choose("Language", "German (de)")
        .type("First name", "Hans")
        .type("Last name", "Müller")
        .type("Email", email);
    start.start();
  }
}
