package io.partnerflow.invitation;

import static io.partnerflow.invitation.InvitationProcess.*;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** "Register invitation": the registry row that links, tokens and replies refer to. */
@Component
public class RegisterInvitationDelegate implements JavaDelegate {

  private final InvitationRegistry registry;

  public RegisterInvitationDelegate(InvitationRegistry registry) {
    this.registry = registry;
  }

  @Override
  public void execute(DelegateExecution execution) {
    InvitationRequest request = InvitationVariables.request(execution);
    Invitation invitation = registry.create(new NewInvitation(request.companyName(), request.domainPrefix(),
        CUSTOMER_ID.from(execution), request.adminEmail(), request.adminFirstName(), request.adminLastName(),
        request.culture(), request.language(), Boolean.TRUE.equals(INCLUDE_DELEGATED_ADMIN.from(execution)),
        request.personalMessage(), execution.getProcessInstanceId(), INITIATOR.from(execution)));
    INVITATION_ID.set(execution, invitation.id());
  }
}
