package io.partnerflow.onboarding;

import static io.partnerflow.onboarding.OnboardingProcess.*;

import io.partnerflow.invitation.InvitationStarter;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * "Request reseller relationship": the domain belongs to a customer we have no relationship with,
 * so instead of a duplicate the customer's contact gets an invitation to connect.
 */
@Component
public class RequestRelationshipDelegate implements JavaDelegate {

  private final InvitationStarter invitations;

  public RequestRelationshipDelegate(InvitationStarter invitations) {
    this.invitations = invitations;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String started = invitations.start(
        InvitationStarter.toContact(COMPANY_NAME.from(execution), DOMAIN_PREFIX.from(execution),
            CONTACT_FIRST_NAME.from(execution), CONTACT_LAST_NAME.from(execution), CONTACT_EMAIL.from(execution),
            CULTURE.from(execution), LANGUAGE.from(execution)),
        EXISTING_CUSTOMER_ID.from(execution), false, INITIATOR.from(execution)).getId();
    INVITATION_PROCESS_INSTANCE_ID.set(execution, started);
  }
}
