package io.partnerflow.invitation;

import static io.partnerflow.invitation.InvitationProcess.INVITATION_ID;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** "Close invitation": the operator gives up on it; its links stop working. */
@Component
public class CloseInvitationDelegate implements JavaDelegate {

  private final InvitationRegistry registry;

  public CloseInvitationDelegate(InvitationRegistry registry) {
    this.registry = registry;
  }

  @Override
  public void execute(DelegateExecution execution) {
    registry.close(INVITATION_ID.get(execution));
  }
}
