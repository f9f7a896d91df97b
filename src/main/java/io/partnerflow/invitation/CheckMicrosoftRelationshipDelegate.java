package io.partnerflow.invitation;

import static io.partnerflow.invitation.InvitationProcess.*;

import io.partnerflow.invitation.InvitationProcess.Decisions;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * "Check the relationship in Microsoft" (api mode, behind an async continuation, on a back-off timer):
 * one look at what Microsoft shows for the invited customer. Once Partner Center lists the customer as
 * ours (and the delegated admin relationship, when asked, is active), the invitation is accepted in
 * the registry even if the customer never answered us, and the tenant goes to "Record reseller
 * relationship". A failed look fails the job (retried; a 429 waits without using a retry).
 */
@Component
public class CheckMicrosoftRelationshipDelegate implements JavaDelegate {

  private static final Logger LOG = LoggerFactory.getLogger(CheckMicrosoftRelationshipDelegate.class);

  private final InvitationRegistry registry;
  private final MicrosoftRelationships microsoft;

  public CheckMicrosoftRelationshipDelegate(InvitationRegistry registry, MicrosoftRelationships microsoft) {
    this.registry = registry;
    this.microsoft = microsoft;
  }

  @Override
  public void execute(DelegateExecution execution) {
    Invitation invitation = registry.find(INVITATION_ID.get(execution)).orElseThrow();
    Long done = MICROSOFT_CHECKS.from(execution);
    long checkNumber = done == null ? 0 : done;
    MicrosoftCheck check = microsoft.check(invitation, execution.getProcessInstanceId(), checkNumber);
    MICROSOFT_CHECKS.set(execution, checkNumber + 1);
    if (!check.isEstablished()) {
      LOG.info("Invitation {}: Microsoft does not show the relationship yet (waiting for {}), look {}",
          invitation.id(), check.waitingFor(), checkNumber + 1);
      MICROSOFT_RELATIONSHIP.set(execution, Decisions.MICROSOFT_PENDING);
      MICROSOFT_WAITING_FOR.set(execution, check.waitingFor());
      return;
    }
    registry.confirmAcceptedByMicrosoft(invitation.id());
    LOG.info("Invitation {}: Microsoft shows the relationship with tenant {}", invitation.id(), check.tenantId());
    MICROSOFT_RELATIONSHIP.set(execution, Decisions.MICROSOFT_ESTABLISHED);
    MICROSOFT_WAITING_FOR.remove(execution);
    MICROSOFT_TENANT_ID.set(execution, check.tenantId());
    ANSWER.set(execution, Decisions.ANSWER_ACCEPTED);
  }
}
