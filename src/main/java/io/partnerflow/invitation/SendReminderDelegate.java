package io.partnerflow.invitation;

import static io.partnerflow.invitation.InvitationProcess.INVITATION_ID;

import io.partnerflow.invitation.InvitationProcess.Ids;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * "Send first/second reminder": a new link (earlier ones keep working) to a still-open invitation.
 * The timers die with the wait, so an answered invitation never gets one. In api mode it carries the
 * links to accept at Microsoft again.
 */
@Component
public class SendReminderDelegate implements JavaDelegate {

  private final InvitationRegistry registry;
  private final InvitationMailer mailer;
  private final MicrosoftRequests microsoftRequests;

  public SendReminderDelegate(InvitationRegistry registry, InvitationMailer mailer,
      MicrosoftRequests microsoftRequests) {
    this.registry = registry;
    this.mailer = mailer;
    this.microsoftRequests = microsoftRequests;
  }

  @Override
  public void execute(DelegateExecution execution) {
    Invitation invitation = registry.find(INVITATION_ID.get(execution)).orElseThrow();
    if (invitation.status() != InvitationStatus.PENDING) {
      return; // answered in the same instant the timer fired
    }
    int reminder = Ids.SEND_FIRST_REMINDER.equals(execution.getCurrentActivityId()) ? 1 : 2;
    if (mailer.reminderSent(invitation, reminder)) {
      return; // a retry after the reminder went out
    }
    // A fresh link, recorded with the mail (see SendInvitationDelegate)
    String token = InvitationTokens.newToken();
    // api mode: the links to accept at Microsoft again (none in ledger mode)
    mailer.sendReminder(invitation, token, reminder, microsoftRequests.find(invitation.id()),
        () -> registry.registerToken(invitation, token));
  }
}
