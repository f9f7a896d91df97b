package io.partnerflow.onboarding;

import static io.partnerflow.onboarding.OnboardingProcess.*;

import io.partnerflow.invitation.InvitationProcess;
import io.partnerflow.mail.MailLocales;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.stereotype.Component;

/**
 * "Request reseller relationship": the domain belongs to a customer we have no relationship with,
 * so instead of a duplicate the customer's contact gets an invitation to connect.
 */
@Component
public class RequestRelationshipDelegate implements JavaDelegate {

  @Override
  public void execute(DelegateExecution execution) {
    VariableMap invitation = Variables.createVariables();
    InvitationProcess.COMPANY_NAME.putIn(invitation, COMPANY_NAME.from(execution));
    InvitationProcess.DOMAIN_PREFIX.putIn(invitation, DOMAIN_PREFIX.from(execution));
    InvitationProcess.CUSTOMER_ID.putIn(invitation, EXISTING_CUSTOMER_ID.from(execution));
    InvitationProcess.ADMIN_EMAIL.putIn(invitation, CONTACT_EMAIL.from(execution));
    InvitationProcess.ADMIN_FIRST_NAME.putIn(invitation, CONTACT_FIRST_NAME.from(execution));
    InvitationProcess.ADMIN_LAST_NAME.putIn(invitation, CONTACT_LAST_NAME.from(execution));
    InvitationProcess.CULTURE.putIn(invitation, CULTURE.from(execution));
    InvitationProcess.LANGUAGE.putIn(invitation,
        MailLocales.resolve(CULTURE.from(execution), LANGUAGE.from(execution)).getLanguage());
    InvitationProcess.INCLUDE_DELEGATED_ADMIN.putIn(invitation, false);
    InvitationProcess.INITIATOR.putIn(invitation, INITIATOR.from(execution));
    String started = execution.getProcessEngineServices().getRuntimeService()
        .startProcessInstanceByKey(InvitationProcess.PROCESS_KEY, execution.getProcessBusinessKey(), invitation)
        .getId();
    INVITATION_PROCESS_INSTANCE_ID.set(execution, started);
  }
}
