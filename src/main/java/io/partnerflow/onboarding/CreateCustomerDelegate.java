package io.partnerflow.onboarding;

import static io.partnerflow.onboarding.OnboardingProcess.*;

import io.partnerflow.catalog.OrderLine;
import io.partnerflow.consent.AgreementAttestation;
import io.partnerflow.consent.AgreementProperties;
import io.partnerflow.consent.ConsentPolicy;
import io.partnerflow.customer.AccountInfo;
import io.partnerflow.customer.AdminPasswordGenerator;
import io.partnerflow.customer.CustomerRegistry;
import io.partnerflow.customer.DomainAlreadyTakenException;
import io.partnerflow.customer.NewCustomer;
import io.partnerflow.customer.Relationship;
import io.partnerflow.customer.RelationshipService;
import io.partnerflow.onboarding.OnboardingProcess.Errors;
import java.time.Instant;
import java.util.List;
import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * "Create customer record": customer, primary contact, attestation, order and its first relationship
 * event (came in by onboarding) in one transaction with the review's completion. The temporary admin password is created here and only shown.
 */
@Component
public class CreateCustomerDelegate implements JavaDelegate {

  private final CustomerRegistry customers;
  private final AgreementProperties agreement;
  private final ConsentPolicy consentPolicy;
  private final AdminPasswordGenerator passwords;
  private final RelationshipService relationships;

  public CreateCustomerDelegate(CustomerRegistry customers, AgreementProperties agreement, ConsentPolicy consentPolicy,
      AdminPasswordGenerator passwords, RelationshipService relationships) {
    this.customers = customers;
    this.agreement = agreement;
    this.consentPolicy = consentPolicy;
    this.passwords = passwords;
    this.relationships = relationships;
  }

  @Override
  public void execute(DelegateExecution execution) {
    AccountInfo account = OnboardingAccountInfo.from(execution);
    String adminUserName = "admin@" + account.primaryDomain();
    AgreementAttestation attestation = new AgreementAttestation(agreement.type(), agreement.templateId(),
        consentPolicy.parseDate(AGREEMENT_DATE_ACCEPTED.from(execution)), SIGNER_FIRST_NAME.from(execution),
        SIGNER_LAST_NAME.from(execution), SIGNER_EMAIL.from(execution), SIGNER_PHONE.from(execution),
        ATTESTED_BY.from(execution), Instant.parse(ATTESTED_AT.from(execution)));
    List<OrderLine> lines = ORDER_SUMMARY.from(execution).stream()
        .map((OrderSummaryLine l) -> new OrderLine(l.lineNumber(), l.offerId(), l.quantity()))
        .toList();
    boolean indirect = Boolean.TRUE.equals(INDIRECT_PROVIDER.from(execution));
    NewCustomer customer = new NewCustomer(account, attestation, indirect ? RESELLER_ID.from(execution) : null,
        indirect ? RESELLER_PARTNER_ID.from(execution) : null, lines, adminUserName,
        execution.getProcessInstanceId(), INITIATOR.from(execution));
    try {
      String customerId = customers.create(customer);
      relationships.recordOnboarding(customerId, customer.createdBy());
      CUSTOMER_ID.set(execution, customerId);
    } catch (DomainAlreadyTakenException taken) {
      EXISTING_CUSTOMER_ID.set(execution, taken.existingCustomerId());
      EXISTING_RELATIONSHIP.set(execution, customers.find(taken.existingCustomerId())
          .map(existing -> existing.relationship().name()).orElse(Relationship.NONE.name()));
      throw new BpmnError(Errors.DOMAIN_TAKEN, taken.getMessage());
    }
    ADMIN_USER_NAME.set(execution, adminUserName);
    TEMPORARY_ADMIN_PASSWORD.set(execution, passwords.generate());
  }
}
