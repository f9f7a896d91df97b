package io.partnerflow.invitation;

import static io.partnerflow.invitation.InvitationProcess.INVITATION_ID;
import static io.partnerflow.invitation.InvitationProcess.MICROSOFT_TENANT_ID;
import static io.partnerflow.invitation.InvitationProcess.RELATIONSHIP_CUSTOMER_ID;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * "Notify operations", behind an async continuation: the partner's operations address learns of it
 * (in api mode with the tenant Partner Center confirmed).
 */
@Component
public class NotifyOperationsDelegate implements JavaDelegate {

  private final InvitationRegistry registry;
  private final InvitationMailer mailer;

  public NotifyOperationsDelegate(InvitationRegistry registry, InvitationMailer mailer) {
    this.registry = registry;
    this.mailer = mailer;
  }

  @Override
  public void execute(DelegateExecution execution) {
    mailer.sendRelationshipEstablished(registry.find(INVITATION_ID.get(execution)).orElseThrow(),
        RELATIONSHIP_CUSTOMER_ID.get(execution), MICROSOFT_TENANT_ID.from(execution));
  }
}
