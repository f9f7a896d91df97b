package io.partnerflow.onboarding;

import static io.partnerflow.onboarding.OnboardingProcess.*;

import io.partnerflow.catalog.OrderLine;
import io.partnerflow.consent.AgreementAttestation;
import io.partnerflow.customer.AccountInfo;
import io.partnerflow.customer.CustomerRegistry;
import io.partnerflow.customer.DomainAlreadyTakenException;
import io.partnerflow.customer.NewCustomer;
import io.partnerflow.customer.OnboardingResubmission;
import io.partnerflow.customer.Relationship;
import io.partnerflow.customer.RelationshipService;
import io.partnerflow.onboarding.OnboardingProcess.Errors;
import io.partnerflow.reseller.Reseller;
import io.partnerflow.validation.Violation;
import io.partnerflow.validation.Violations;
import java.util.List;
import java.util.Optional;
import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * "Create customer record": customer, primary contact, attestation, order and its first relationship
 * event (came in by onboarding) in one transaction with the review's completion. What it writes is
 * checked again here ({@link SubmissionChecks}): account info, consent, reseller and order each route back to
 * their task when broken, before anything is written. Submitted again after Partner Center refused
 * the agreement or an offer (its tenant exists), the record this instance created is updated instead
 * ({@link OnboardingResubmission}). (The temporary admin password is not made
 * here: {@link AdminPasswordHandOver} creates it when the hand-over is opened.)
 */
@Component
public class CreateCustomerDelegate implements JavaDelegate {

  private final CustomerRegistry customers;
  private final SubmissionChecks checks;
  private final RelationshipService relationships;
  private final DomainAvailability domains;
  private final OnboardingResubmission resubmission;

  public CreateCustomerDelegate(CustomerRegistry customers, SubmissionChecks checks,
      RelationshipService relationships, DomainAvailability domains, OnboardingResubmission resubmission) {
    this.customers = customers;
    this.checks = checks;
    this.relationships = relationships;
    this.domains = domains;
    this.resubmission = resubmission;
  }

  @Override
  public void execute(DelegateExecution execution) {
    // In the order of the process: a fix upstream passes through the later tasks again anyway
    AccountInfo account = checks.accountInfo(execution);
    AgreementAttestation attestation = checks.attestation(execution);
    Optional<Reseller> reseller = checks.reseller(execution);
    List<OrderLine> lines = checks.order(execution);
    Optional<String> earlier = customers.findIdByOnboardingProcessInstance(execution.getProcessInstanceId());
    if (earlier.isEmpty() && customers.findIdByDomainPrefix(account.domainPrefix()).isEmpty()) {
      domains.routeIfTakenAtMicrosoft(execution, account.primaryDomain());
    }
    String adminUserName = "admin@" + account.primaryDomain();
    NewCustomer customer = new NewCustomer(account, attestation, reseller.map(Reseller::id).orElse(null),
        reseller.map(Reseller::partnerId).orElse(null), lines, adminUserName,
        execution.getProcessInstanceId(), INITIATOR.from(execution));
    if (earlier.isPresent()) {
      resubmit(execution, earlier.get(), customer);
      return;
    }
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
  }

  /** Submitted again after Partner Center refused the agreement or an offer: the record is updated. */
  private void resubmit(DelegateExecution execution, String customerId, NewCustomer customer) {
    try {
      resubmission.update(customerId, customer);
    } catch (IllegalArgumentException domainChanged) {
      Violations.enforce(execution, ACCOUNT_INFO_ERRORS,
          List.of(new Violation("domainPrefix", "tenantExists", domainChanged.getMessage())), Errors.ACCOUNT_INFO_INVALID);
    }
    CUSTOMER_ID.set(execution, customerId);
    ADMIN_USER_NAME.set(execution, customer.adminUserName());
  }
}
