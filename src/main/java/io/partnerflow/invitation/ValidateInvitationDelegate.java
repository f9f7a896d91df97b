package io.partnerflow.invitation;

import static io.partnerflow.invitation.InvitationProcess.CUSTOMER_ID;
import static io.partnerflow.invitation.InvitationProcess.INVITATION_ERRORS;

import io.partnerflow.customer.CustomerRecord;
import io.partnerflow.customer.CustomerRegistry;
import io.partnerflow.invitation.InvitationProcess.Errors;
import io.partnerflow.process.BusinessKeys;
import io.partnerflow.validation.Violations;
import java.util.Optional;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** "Validate invitation": a well-formed request for a relationship we do not have yet. */
@Component
public class ValidateInvitationDelegate implements JavaDelegate {

  private final InvitationRequestValidator validator;
  private final CustomerRegistry customers;

  public ValidateInvitationDelegate(InvitationRequestValidator validator, CustomerRegistry customers) {
    this.validator = validator;
    this.customers = customers;
  }

  @Override
  public void execute(DelegateExecution execution) {
    InvitationRequest request = InvitationVariables.request(execution);
    BusinessKeys.assign(execution, InvitationStarter.businessKey(request.domainPrefix(), request.companyName()));
    Optional<CustomerRecord> existing = customers.findByDomainPrefix(request.domainPrefix());
    Violations.enforce(execution, INVITATION_ERRORS,
        validator.validate(request, existing.map(CustomerRecord::relationship)), Errors.INVITATION_INVALID);
    // Set or cleared on every pass: an edited domain must not keep the previous customer
    CUSTOMER_ID.set(execution, existing.map(CustomerRecord::id).orElse(null));
  }
}
