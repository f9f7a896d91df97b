package io.partnerflow.journey;

import static org.assertj.core.api.Assertions.assertThat;

import io.partnerflow.invitation.InvitationProcess;
import io.partnerflow.journey.Mailbox.Mail;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.junit.jupiter.api.Test;

/**
 * A reply to an invitation that the poller cannot read becomes "Read invitation reply" in
 * Tasklist; the operator reads the mail and decides for the customer, or ignores it. Each journey
 * invites its own tenant in Tasklist and replies from the admin's mailbox.
 */
class ReplyTriageJourneyTest extends JourneyTestBase {

  private static final String TRIAGE_KEY = "invitation-reply-triage";

  @Test
  void operatorReadsAnUnclearReplyAsAcceptance() {
    Invited invited = inviteAndReply("accetta", "Va bene per noi, procedete pure. Giulia");

    TaskView read = Tasklist.open(browser).openTask("Read invitation reply", invited.company()).claim();
    assertThat(read.form().text()).contains(invited.company(), invited.admin(), "does not start with an answer word")
        .doesNotContain("(unreadable)");
    assertThat(read.form().value("Mail text")).contains("Va bene per noi, procedete pure");
    read.form().pick("Decision", "The customer accepts the invitation");
    read.complete();

    assertThat(registry.endEvent(triage(invited).getId())).isEqualTo(InvitationProcess.Ids.END_REPLY_APPLIED);
    HistoricProcessInstance invitation = registry.instance(InvitationProcess.PROCESS_KEY, invited.prefix());
    assertThat(registry.endEvent(invitation.getId())).isEqualTo(InvitationProcess.Ids.END_RELATIONSHIP_ESTABLISHED);
    registry.awaitCustomer(invited.prefix(), "RESELLER");
  }

  @Test
  void operatorReadsAnUnclearReplyAsDeclineAndTheFollowUpAppears() {
    Invited invited = inviteAndReply("rifiuta", "Per ora no, grazie. Giulia");

    TaskView read = Tasklist.open(browser).openTask("Read invitation reply", invited.company()).claim();
    read.form().pick("Decision", "The customer declines the invitation");
    read.complete();

    assertThat(registry.endEvent(triage(invited).getId())).isEqualTo(InvitationProcess.Ids.END_REPLY_APPLIED);
    TaskView followUp = Tasklist.open(browser).openTask("Follow up invitation", invited.company()).claim();
    assertThat(followUp.form().section("The customer declined")).contains(invited.admin(), "by email reply")
        .doesNotContain("EMAIL");
    assertThat(registry.invitationStatus(invited.prefix())).isEqualTo("DECLINED");
  }

  @Test
  void operatorIgnoresAReplyThatIsNoAnswerAndTheInvitationStillWaits() {
    Invited invited = inviteAndReply("ignora", "Sono fuori ufficio fino a lunedì.");

    TaskView read = Tasklist.open(browser).openTask("Read invitation reply", invited.company()).claim();
    read.form().pick("Decision", "No answer to an invitation: ignore");
    read.complete();

    assertThat(registry.endEvent(triage(invited).getId())).isEqualTo(InvitationProcess.Ids.END_REPLY_IGNORED);
    HistoricProcessInstance invitation = registry.instance(InvitationProcess.PROCESS_KEY, invited.prefix());
    assertThat(registry.isRunning(invitation.getId())).as("still waiting for the customer").isTrue();
    assertThat(registry.invitationStatus(invited.prefix())).isEqualTo("PENDING");
  }

  private HistoricProcessInstance triage(Invited invited) {
    return registry.instance(TRIAGE_KEY, invited.prefix());
  }

  /** Invites a tenant in Tasklist and answers from the admin's mailbox with a text no answer word starts. */
  private Invited inviteAndReply(String base, String replyText) {
    String prefix = uniquePrefix(base);
    Invited invited = new Invited(prefix, "Contoso " + prefix + " S.r.l.", "giulia@" + prefix + ".example");
    InvitationJourneyTest.startItalianInvitation(operatorInTasklist(), invited.company(), prefix, invited.admin());
    Mail mail = Mailbox.open(browser).openNewest(invited.admin(), invited.company());
    mail.reply(replyText);
    return invited;
  }

  private record Invited(String prefix, String company, String admin) {}
}
