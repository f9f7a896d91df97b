package io.partnerflow.invitation;

import static io.partnerflow.invitation.InvitationProcess.*;

import java.time.Clock;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * "Send invitation" (first send and every resend), behind an async continuation: a fresh link
 * token that kills all earlier ones, a new expiry, and the mail in the customer's language. The
 * token is recorded with the mail, in the mail's own transaction: if this job is retried after
 * the mail went out (a crash before the job committed), the retry sends nothing and that mail's
 * link keeps working, instead of a second mail with a new link and a dead first one.
 *
 * <p>In api mode the mail also carries what the customer accepts at Microsoft ({@link MicrosoftRelationships#request}:
 * Partner Center's reseller relationship link, and the approval link of a delegated admin relationship
 * when one is asked); a failed call to Microsoft fails this job before any mail goes out.
 */
@Component
public class SendInvitationDelegate implements JavaDelegate {

  private final InvitationRegistry registry;
  private final InvitationMailer mailer;
  private final InvitationProperties properties;
  private final Clock clock;
  private final MicrosoftRelationships microsoft;

  public SendInvitationDelegate(InvitationRegistry registry, InvitationMailer mailer, InvitationProperties properties,
      Clock clock, MicrosoftRelationships microsoft) {
    this.registry = registry;
    this.mailer = mailer;
    this.properties = properties;
    this.clock = clock;
    this.microsoft = microsoft;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String invitationId = INVITATION_ID.get(execution);
    String message = PERSONAL_MESSAGE.from(execution);
    registry.updatePersonalMessage(invitationId, message);
    registry.openSend(invitationId, clock.instant().plus(properties.expiry()));
    // A resend starts a new round: the previous answer no longer describes this invitation
    List.of(ANSWER, ANSWER_CHANNEL, ANSWERED_BY_NAME, ANSWERED_BY_EMAIL, DECLINE_REASON,
        AGREEMENT_ACCEPTED_BY_CUSTOMER, FOLLOW_UP_DECISION).forEach(variable -> variable.remove(execution));
    boolean fromMicrosoft = microsoft.acceptanceFromMicrosoft();
    ACCEPTANCE_FROM_MICROSOFT.set(execution, fromMicrosoft);
    if (fromMicrosoft) {
      MICROSOFT_CHECKS.set(execution, 0L);
      List.of(MICROSOFT_RELATIONSHIP, MICROSOFT_WAITING_FOR, MICROSOFT_TENANT_ID).forEach(v -> v.remove(execution));
    }
    Invitation invitation = registry.find(invitationId).orElseThrow();
    if (mailer.invitationSent(invitation)) {
      return; // a retry of this job after its mail went out: that mail's link stays the one
    }
    MicrosoftRequest atMicrosoft = microsoft.request(invitation, execution.getProcessInstanceId());
    String token = InvitationTokens.newToken();
    mailer.sendInvitation(invitation, token, atMicrosoft, () -> registry.registerToken(invitation, token));
  }
}
