package io.partnerflow.journey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.partnerflow.invitation.InvitationProcess;
import io.partnerflow.journey.Mailbox.Mail;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.junit.jupiter.api.MethodOrderer.OrderAnnotation;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Inviting an existing tenant to connect, as the operator (Tasklist), the customer's Italian global
 * admin (mailbox, public page, reply) and the operations address see it: every choice a person
 * makes, from the start form to each end event. The second and third journeys invite the tenant
 * the first one connected, which makes the invitation invalid and asks for an edit.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(OrderAnnotation.class)
class InvitationJourneyTest extends JourneyTestBase {

  private static final String PARTNER = "Northwind Cloud Partners";
  private static final String ITALIAN_STANDARD_MESSAGE = "Vorremmo diventare il Suo rivenditore cloud Microsoft";

  private final String prefix = uniquePrefix("invito");
  /** Ends with a full stop, as Italian legal names do: sentences must not end in "S.p.A..". */
  private final String company = "Contoso Italia " + prefix + " S.p.A.";
  private final String admin = "giulia.rossi@" + prefix + ".example";
  private boolean connected;

  @Test
  @Order(1)
  void adminDeclinesThenAcceptsTheResentInvitationOnThePage() {
    Tasklist tasklist = operatorInTasklist();
    startItalianInvitation(tasklist, company, prefix, admin);

    Mail first = Mailbox.open(browser).openNewest(admin, PARTNER + " chiede di diventare il rivenditore Microsoft di "
        + company + " [Ref: ");
    assertThat(first.htmlLanguage()).isEqualTo("it");
    assertThat(first.htmlText()).contains("Gentile Giulia Rossi", ITALIAN_STANDARD_MESSAGE, "ACCETTO")
        .doesNotContain("S.p.A..", "We would like");
    String firstLink = first.linkHref("Esamina e accetta");
    first.clickLink("Esamina e accetta");

    InvitationPage page = InvitationPage.current(browser);
    assertThat(page.language()).isEqualTo("it");
    assertThat(page.heading()).isEqualTo(PARTNER + " La invita a collegarsi");
    assertThat(page.text()).contains(company, prefix + ".onmicrosoft.com", "amministrazione delegata")
        .doesNotContain("S.p.A..", "link below");
    assertThat(page.personalMessage()).startsWith(ITALIAN_STANDARD_MESSAGE);
    page.decline("Abbiamo già un partner");
    assertThat(page.heading()).isEqualTo("Ha rifiutato l’invito");

    // The operator follows up: resend with a message of their own
    TaskView followUp = Tasklist.open(browser).openTask("Follow up invitation", company).claim();
    assertThat(followUp.form().section("The customer declined")).contains("Giulia Rossi", admin,
        "on the invitation page", "Abbiamo già un partner");
    followUp.form()
        .type("Personal message for a resend", "Cara Giulia, come d’accordo al telefono: ecco il nuovo invito.")
        .pick("Decision", "Resend the invitation (a new link; earlier links stop working)");
    followUp.complete();

    Mail second = Mailbox.open(browser).openNewest(admin, "Ref:");
    assertThat(second.htmlText()).contains("Cara Giulia, come d’accordo al telefono").doesNotContain(ITALIAN_STANDARD_MESSAGE);
    assertThat(second.linkHref("Esamina e accetta")).isNotEqualTo(firstLink);
    second.clickLink("Esamina e accetta");
    page = InvitationPage.current(browser).accept("Giulia Rossi");
    assertThat(page.heading()).isEqualTo("Grazie: " + PARTNER + " è ora il Suo rivenditore");

    // The first mail's link was replaced by the resend (a link that is no longer valid names no invitation:
    // the page speaks the browser's language, English here)
    browser.go(firstLink);
    assertThat(InvitationPage.current(browser).heading()).isEqualTo("This invitation link is not valid");
    assertThat(InvitationPage.current(browser).asksForAnswer()).isFalse();

    HistoricProcessInstance invitation = registry.instance(InvitationProcess.PROCESS_KEY, prefix);
    assertThat(registry.endEvent(invitation.getId())).isEqualTo(InvitationProcess.Ids.END_RELATIONSHIP_ESTABLISHED);
    assertThat(registry.awaitCustomer(prefix, "RESELLER").companyName()).isEqualTo(company);
    assertThat(registry.invitationStatus(prefix)).isEqualTo("ACCEPTED");
    Mail notice = Mailbox.open(browser).openNewest("operations@northwind-partners.example", prefix + ".onmicrosoft.com");
    assertThat(notice.subject()).isEqualTo("Reseller relationship established: " + company + " ("
        + prefix + ".onmicrosoft.com)");
    connected = true;
  }

  @Test
  @Order(2)
  void invitingATenantThatIsOursAlreadyAsksForAnEditAndCanBeCancelled() {
    assumeTrue(connected, "the first invitation did not connect the tenant");
    Tasklist tasklist = operatorInTasklist();
    String again = company + " (again)";
    startItalianInvitation(tasklist, again, prefix, admin);

    TaskView edit = tasklist.openTask("Edit invitation", again).claim();
    assertThat(edit.form().section("Please correct the following"))
        .contains("Customer " + prefix + ".onmicrosoft.com already has a reseller relationship with us")
        .doesNotContain("relationship-exists", "domainPrefix");
    edit.form().pick("Decision", "Cancel this invitation");
    edit.complete();

    HistoricProcessInstance cancelled = registry.instance(InvitationProcess.PROCESS_KEY, prefix);
    assertThat(registry.endEvent(cancelled.getId())).isEqualTo(InvitationProcess.Ids.END_INVITATION_CANCELLED);
    assertThat(Mailbox.open(browser).countTo(admin)).as("nothing more sent").isEqualTo(2);
  }

  @Test
  @Order(3)
  void anEditedInvitationGoesOutAndTheAdminAcceptsByReplying() {
    assumeTrue(connected, "the first invitation did not connect the tenant");
    Tasklist tasklist = operatorInTasklist();
    String sister = "Contoso Servizi " + prefix + " S.r.l.";
    String sisterPrefix = prefix + "srv";
    startItalianInvitation(tasklist, sister, prefix, admin);

    TaskView edit = tasklist.openTask("Edit invitation", sister).claim();
    edit.form()
        .type("Domain prefix", sisterPrefix)
        .pick("Decision", "Send the invitation");
    edit.complete();

    Mail mail = Mailbox.open(browser).openNewest(admin, sister);
    assertThat(mail.htmlText()).contains(sisterPrefix + ".onmicrosoft.com");
    mail.reply("ACCETTO\n\nGiulia");

    HistoricProcessInstance invitation = registry.instance(InvitationProcess.PROCESS_KEY, sisterPrefix);
    assertThat(registry.endEvent(invitation.getId())).isEqualTo(InvitationProcess.Ids.END_RELATIONSHIP_ESTABLISHED);
    assertThat(registry.passed(invitation.getId(), InvitationProcess.Ids.BOUNDARY_INVITATION_INVALID)).isTrue();
    assertThat(registry.awaitCustomer(sisterPrefix, "RESELLER").companyName()).isEqualTo(sister);
  }

  @Test
  @Order(4)
  void aDeclinedInvitationIsClosedAtTheFollowUp() {
    Tasklist tasklist = operatorInTasklist();
    String other = uniquePrefix("chiuso");
    String otherCompany = "Fabrikam Italia " + other + " S.r.l.";
    String otherAdmin = "marco@" + other + ".example";
    startItalianInvitation(tasklist, otherCompany, other, otherAdmin);

    Mailbox.open(browser).openNewest(otherAdmin, otherCompany).clickLink("Esamina e accetta");
    InvitationPage.current(browser).decline("");

    TaskView followUp = Tasklist.open(browser).openTask("Follow up invitation", otherCompany).claim();
    assertThat(followUp.form().section("The customer declined")).contains("none given");
    followUp.form().pick("Decision", "Close the invitation");
    followUp.complete();

    HistoricProcessInstance invitation = registry.instance(InvitationProcess.PROCESS_KEY, other);
    assertThat(registry.endEvent(invitation.getId())).isEqualTo(InvitationProcess.Ids.END_INVITATION_CLOSED);
    assertThat(registry.invitationStatus(other)).isEqualTo("CLOSED");
    assertThat(registry.customer(other)).as("no customer created").isEmpty();
  }

  static void startItalianInvitation(Tasklist tasklist, String company, String prefix, String admin) {
    StartDialog start = tasklist.startProcess("Invite a customer to connect");
    assertThat(start.form().value("Personal message (optional)")).as("no English default text").isEmpty();
    start.form()
        .type("Company legal name", company)
        .type("Domain prefix", prefix)
        .type("First name", "Giulia")
        .type("Last name", "Rossi")
        .type("Email", admin)
        .choose("Culture", "it-IT — Italian (Italy)")
        .choose("Language of the invitation", "Italian")
        .check("Include delegated administration privileges", true);
    start.start();
  }
}
