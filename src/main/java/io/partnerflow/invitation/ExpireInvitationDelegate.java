package io.partnerflow.invitation;

import static io.partnerflow.invitation.InvitationProcess.ACCEPTANCE_FROM_MICROSOFT;
import static io.partnerflow.invitation.InvitationProcess.INVITATION_ID;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * "Expire invitation": no answer in time; its links stop working before the operator follows up. In
 * api mode Microsoft did not confirm in time: an "accept" the customer gave only us expires too.
 */
@Component
public class ExpireInvitationDelegate implements JavaDelegate {

  private final InvitationRegistry registry;

  public ExpireInvitationDelegate(InvitationRegistry registry) {
    this.registry = registry;
  }

  @Override
  public void execute(DelegateExecution execution) {
    if (Boolean.TRUE.equals(ACCEPTANCE_FROM_MICROSOFT.from(execution))) {
      registry.endUnconfirmed(INVITATION_ID.get(execution), InvitationStatus.EXPIRED);
    } else {
      registry.end(INVITATION_ID.get(execution), InvitationStatus.EXPIRED);
    }
  }
}
